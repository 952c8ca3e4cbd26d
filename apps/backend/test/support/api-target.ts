import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type AppDeps, createApp } from '../../src/app.js';
import type { Database } from '../../src/db/database.js';
import { TestClient } from './http-client.js';

/** One database the shared contract runs against: PGlite in memory or a real PostgreSQL. */
export interface DatabaseTarget {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated and seeded database for one suite. */
  open(): Promise<Database>;
}

export const FRONTEND_URL = 'http://localhost:3000';
export const SESSION_SECRET = 'test-session-secret-0123456789';

export interface ApiContext {
  db: Database;
  client: TestClient;
}

/**
 * Registers hooks that give the enclosing `describe` its own database and app on a random port;
 * read the returned object inside tests, after `beforeAll` has filled it.
 */
export function useApi(
  target: DatabaseTarget,
  deps: Partial<Omit<AppDeps, 'db'>> = {},
): ApiContext {
  const context = {} as ApiContext;
  beforeAll(async () => {
    context.db = await target.open();
    context.client = await TestClient.listen(
      createApp({
        db: context.db,
        corsOrigins: [FRONTEND_URL],
        sessionSecret: SESSION_SECRET,
        ...deps,
      }),
    );
  });
  afterAll(async () => {
    await context.client?.close();
    await context.db?.close();
  });
  beforeEach(() => context.client.clearCookies());
  return context;
}
