import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/db/migrate.js';
import { allMigrations } from '../src/db/migrations/all-migrations.js';
import { openDatabase } from '../src/db/open-database.js';
import { seed } from '../src/db/seed.js';

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describe('migrations and seeds on an on-disk PGlite', () => {
  it('applies each migration and the seed once, across restarts', async () => {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'cruddur-pglite-')), 'nested/db');
    folders.push(path.dirname(path.dirname(dataDir)));

    const first = await openDatabase({ kind: 'pglite', dataDir });
    const counts = async () =>
      first.query<{ users: number; activities: number; messages: number }>(
        `SELECT (SELECT count(*)::int FROM users) AS users,
                (SELECT count(*)::int FROM activities) AS activities,
                (SELECT count(*)::int FROM messages) AS messages`,
      );
    const before = await counts();
    expect(before[0]).toEqual({ users: 3, activities: 4, messages: 3 });
    expect(await migrate(first, allMigrations)).toEqual([]);
    expect(await seed(first)).toBe(false);
    await first.close();

    const reopened = await openDatabase({ kind: 'pglite', dataDir });
    const after = await reopened.query('SELECT count(*)::int AS users FROM users');
    expect(after).toEqual([{ users: 3 }]);
    const versions = await reopened.query('SELECT version, name FROM schema_migrations');
    expect(versions).toEqual([{ version: 1, name: 'create-schema' }]);
    await reopened.close();
  });

  it('rolls a failing migration back entirely', async () => {
    const db = await openDatabase({ kind: 'pglite' });
    const broken = {
      version: 99,
      name: 'broken',
      statements: ['CREATE TABLE half (id int)', 'SELECT nope'],
    };
    await expect(migrate(db, [broken])).rejects.toThrow();
    expect(await db.query("SELECT to_regclass('half') AS t")).toEqual([{ t: null }]);
    expect(await db.query('SELECT version FROM schema_migrations WHERE version = 99')).toEqual([]);
    await db.close();
  });
});
