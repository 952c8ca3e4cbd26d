import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_SESSION_SECRET, parseConfig } from './config-schema.js';

describe('parseConfig', () => {
  it('defaults to port 4567, embedded PGlite under data/cruddur and the dev secret with a warning', () => {
    const config = parseConfig({}, '/repo/apps/backend');
    expect(config.port).toBe(4567);
    expect(config.database).toEqual({
      kind: 'pglite',
      dataDir: path.resolve('/repo/apps/backend/data/cruddur'),
    });
    expect(config.sessionSecret).toBe(DEV_SESSION_SECRET);
    expect(config.warnings).toEqual([expect.stringContaining('SESSION_SECRET')]);
    expect(config.corsOrigins).toEqual([
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://localhost:4567',
      'http://127.0.0.1:4567',
    ]);
  });

  it('resolves a relative data folder against INIT_CWD, where npm was run', () => {
    const config = parseConfig(
      { INIT_CWD: '/repo', CRUDDUR_DATA_DIR: 'tmp/db' },
      '/repo/apps/backend',
    );
    expect(config.database).toEqual({ kind: 'pglite', dataDir: path.resolve('/repo/tmp/db') });
  });

  it('uses PostgreSQL when CONNECTION_URL is set and normalizes CORS origins', () => {
    const config = parseConfig(
      {
        CONNECTION_URL: 'postgres://u@db/cruddur',
        FRONTEND_URL: 'https://app.example.com/',
        BACKEND_URL: '',
        PORT: '8080',
        SESSION_SECRET: 'a-long-enough-secret',
      },
      '/',
    );
    expect(config.database).toEqual({ kind: 'postgres', connectionUrl: 'postgres://u@db/cruddur' });
    expect(config.corsOrigins).toEqual([
      'https://app.example.com',
      'http://localhost:8080',
      'http://127.0.0.1:8080',
    ]);
    expect(config.warnings).toEqual([]);
  });

  it('rejects bad values naming the variable', () => {
    expect(() => parseConfig({ PORT: 'abc' }, '/')).toThrow(/PORT/);
    expect(() => parseConfig({ FRONTEND_URL: 'not a url' }, '/')).toThrow(/FRONTEND_URL/);
    expect(() => parseConfig({ SESSION_SECRET: 'short' }, '/')).toThrow(/SESSION_SECRET/);
    expect(() => parseConfig({ ROLLBAR_TEST_ROUTES: 'maybe' }, '/')).toThrow(/ROLLBAR_TEST_ROUTES/);
  });

  it('mounts the failing Rollbar test route in development unless told otherwise', () => {
    expect(parseConfig({}, '/').rollbarTestRoutes).toBe(true);
    expect(parseConfig({ ROLLBAR_ENVIRONMENT: 'production' }, '/').rollbarTestRoutes).toBe(false);
    expect(parseConfig({ ROLLBAR_TEST_ROUTES: 'false' }, '/').rollbarTestRoutes).toBe(false);
    expect(
      parseConfig({ ROLLBAR_ENVIRONMENT: 'production', ROLLBAR_TEST_ROUTES: 'TRUE' }, '/')
        .rollbarTestRoutes,
    ).toBe(true);
  });
});
