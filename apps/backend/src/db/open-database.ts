import { mkdir } from 'node:fs/promises';
import { createLogger, type Logger } from '@cruddur/telemetry/node';
import type { Database } from './database.js';
import { migrate } from './migrate.js';
import { allMigrations } from './migrations/all-migrations.js';
import { createPgDatabase } from './pg-database.js';
import { createPgliteDatabase } from './pglite-database.js';
import { seed } from './seed.js';

export type DatabaseTarget =
  | { kind: 'postgres'; connectionUrl: string }
  /** `dataDir` undefined: in memory, gone on close (tests). */
  | { kind: 'pglite'; dataDir?: string };

/** Opens the configured database and brings it to the current schema and seed data. */
export async function openDatabase(
  target: DatabaseTarget,
  logger: Logger = createLogger(),
): Promise<Database> {
  let db: Database;
  if (target.kind === 'postgres') {
    db = createPgDatabase(target.connectionUrl, logger);
  } else {
    if (target.dataDir !== undefined) await mkdir(target.dataDir, { recursive: true });
    db = await createPgliteDatabase(target.dataDir);
  }
  try {
    await migrate(db, allMigrations);
    await seed(db);
    return db;
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
