import type { Database } from './database.js';
import type { Migration } from './migrations/migration.js';

/** Any constant shared by every process that migrates this database; serializes them. */
const MIGRATION_LOCK_ID = 4_567_001;

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/**
 * Applies each migration not yet recorded in `schema_migrations`, each in its own transaction.
 * The advisory lock makes two processes starting at once take turns instead of racing on DDL.
 * Returns the versions applied by this call.
 */
export async function migrate(db: Database, migrations: readonly Migration[]): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of migrations) {
    const didApply = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
      // Under the lock: concurrent CREATE TABLE IF NOT EXISTS can still collide in pg_type.
      await tx.query(CREATE_MIGRATIONS_TABLE);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (done.length > 0) return false;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}
