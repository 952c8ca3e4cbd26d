import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/db/migrate.js';
import { allMigrations } from '../src/db/migrations/all-migrations.js';
import { openDatabase } from '../src/db/open-database.js';
import { seed } from '../src/db/seed.js';
import { activitiesContract } from './contract/activities-contract.js';
import { messagesContract } from './contract/messages-contract.js';
import { sessionsContract } from './contract/sessions-contract.js';
import { tracingContract } from './contract/tracing-contract.js';
import type { DatabaseTarget } from './support/api-target.js';
import { registerInMemoryTracing } from './support/in-memory-tracing.js';
import { type PostgresServer, startPostgres } from './support/postgres-server.js';

const tracing = registerInMemoryTracing();

let server: PostgresServer | undefined;
let startError: unknown;
beforeAll(async () => {
  try {
    server = await startPostgres();
  } catch (error) {
    // Kept, not thrown here: a failed beforeAll only marks tests skipped, and this must fail.
    startError = error;
  }
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

function runningServer(): PostgresServer {
  if (server === undefined) throw startError ?? new Error('PostgreSQL did not start');
  return server;
}

it('starts a real PostgreSQL 15 to test against', () => {
  expect(runningServer()).toBeDefined();
});

/** The same contract as PGlite, against a real PostgreSQL 15 through `pg`: one SQL code path. */
const postgres: DatabaseTarget = {
  name: 'postgres',
  async open() {
    return openDatabase({
      kind: 'postgres',
      connectionUrl: await runningServer().createDatabase(),
    });
  },
};

activitiesContract(postgres);
sessionsContract(postgres);
messagesContract(postgres);
tracingContract(postgres, tracing);

describe('migrations and seeds on PostgreSQL', () => {
  it('lets two processes open one database at once and seeds it once', async () => {
    const connectionUrl = await runningServer().createDatabase();
    const [a, b] = await Promise.all([
      openDatabase({ kind: 'postgres', connectionUrl }),
      openDatabase({ kind: 'postgres', connectionUrl }),
    ]);
    const counts = await a.query(
      `SELECT (SELECT count(*)::int FROM users) AS users,
              (SELECT count(*)::int FROM activities) AS activities,
              (SELECT count(*)::int FROM schema_migrations) AS migrations`,
    );
    expect(counts).toEqual([{ users: 3, activities: 4, migrations: 1 }]);
    expect(await migrate(b, allMigrations)).toEqual([]);
    expect(await seed(b)).toBe(false);
    await Promise.all([a.close(), b.close()]);
  });
});
