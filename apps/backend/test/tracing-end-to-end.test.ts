import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  endToEndTracingContract,
  type TracedTarget,
} from './contract/end-to-end-tracing-contract.js';
import { logsAndErrorsContract } from './contract/logs-and-errors-contract.js';
import { type BackendProcess, startBackendProcess } from './support/backend-process.js';
import {
  type ObservabilityServer,
  runHoneycombQuery,
  startObservability,
} from './support/observability.js';
import { type PostgresServer, startPostgres } from './support/postgres-server.js';

/**
 * The real thing end to end: the observability server in this process, and `src/main.ts` in its
 * own Node process (as `npm start` runs it) exporting OTLP, CloudWatch Logs and Rollbar to it — once on PGlite, once on a real
 * PostgreSQL 15 started here. Everything listens on 127.0.0.1 and is stopped in afterAll.
 */

let observability: ObservabilityServer | undefined;
let postgres: PostgresServer | undefined;
let dataDir: string | undefined;
const backends: Partial<Record<TracedTarget['name'], BackendProcess>> = {};
let startError: unknown;

function backendEnv(observabilityUrl: string): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    SESSION_SECRET: 'end-to-end-session-secret',
    OTEL_EXPORTER_OTLP_ENDPOINT: observabilityUrl,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: observabilityUrl,
    ROLLBAR_ENDPOINT: `${observabilityUrl}/api/1/item/`,
    OTEL_BSP_SCHEDULE_DELAY: '100',
    OTEL_BLRP_SCHEDULE_DELAY: '100',
    OTEL_SERVICE_NAME: 'cruddur-backend',
  };
}

/** Waits for every start, so afterAll can stop whatever did start, then throws the first error. */
async function allStarted(starts: Promise<unknown>[]): Promise<void> {
  for (const result of await Promise.allSettled(starts)) {
    if (result.status === 'rejected') throw result.reason;
  }
}

beforeAll(async () => {
  try {
    await allStarted([
      startObservability().then((server) => (observability = server)),
      startPostgres().then((server) => (postgres = server)),
      mkdtemp(path.join(tmpdir(), 'cruddur-e2e-')).then((folder) => (dataDir = folder)),
    ]);
    const env = backendEnv(running(observability).url);
    const connectionUrl = await running(postgres).createDatabase();
    await allStarted([
      startBackendProcess({ ...env, CRUDDUR_DATA_DIR: path.join(running(dataDir), 'db') }).then(
        (backend) => (backends.pglite = backend),
      ),
      startBackendProcess({ ...env, CONNECTION_URL: connectionUrl }).then(
        (backend) => (backends.postgres = backend),
      ),
    ]);
  } catch (error) {
    // Kept, not thrown here: a failed beforeAll only marks tests skipped, and this must fail.
    startError = error;
  }
}, 90_000);

afterAll(async () => {
  const stopped = await Promise.all(
    Object.entries(backends).map(async ([name, backend]) => ({
      name,
      backend,
      exit: await backend.stop(),
    })),
  );
  await Promise.allSettled([observability?.stop(), postgres?.stop()]);
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  // main.ts answers SIGTERM by stopping the server and flushing telemetry, then exits 0.
  for (const { name, backend, exit } of stopped) {
    if (exit.code !== 0) {
      throw new Error(`${name} backend exited with ${JSON.stringify(exit)}:\n${backend.output()}`);
    }
  }
}, 30_000);

function running<T>(value: T | undefined): T {
  if (value === undefined) throw startError ?? new Error('not started');
  return value;
}

function target(name: TracedTarget['name']): TracedTarget {
  return {
    name,
    apiUrl: () => running(backends[name]).url,
    observabilityUrl: () => running(observability).url,
  };
}

it('starts the observability server, PostgreSQL 15 and both backends', () => {
  expect(running(backends.pglite).url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(running(backends.postgres).url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

endToEndTracingContract(target('pglite'));
endToEndTracingContract(target('postgres'));
// One backend only: the contract counts the Rollbar test error's occurrences.
logsAndErrorsContract(target('pglite'));

describe('the same spans through the Honeycomb query API', () => {
  it('COUNT by name in dataset cruddur-backend includes every service span', async () => {
    const rows = await runHoneycombQuery(running(observability).url, 'cruddur-backend', {
      time_range: 3600,
      calculations: [{ op: 'COUNT' }],
      breakdowns: ['name'],
    });
    const counts = new Map(rows.map((row) => [String(row.data.name), Number(row.data.COUNT)]));
    const services = [
      'home-activities',
      'notifications-activities',
      'user-activities',
      'user-activities-data',
      'search-activities',
      'create-activity',
      'show-activity',
      'create-reply',
      'message-groups',
      'messages',
      'create-message',
      'create-session',
    ];
    for (const name of services) {
      // Both backends served each use case at least once (more for the 4xx paths).
      expect(counts.get(name), name).toBeGreaterThanOrEqual(2);
    }
    expect(counts.get('GET /api/activities/home')).toBeGreaterThanOrEqual(2);
    expect(counts.get('search-activities')).toBeGreaterThanOrEqual(4);
  });
});
