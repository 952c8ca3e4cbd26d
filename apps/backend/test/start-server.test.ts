import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/config-schema.js';
import { startServer } from '../src/start-server.js';

let folder: string | undefined;
afterAll(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

describe('startServer (what main.ts runs)', () => {
  it('opens the embedded database from config, serves the API and stops cleanly', async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'cruddur-start-'));
    const config = parseConfig({ PORT: '0', INIT_CWD: folder, CRUDDUR_DATA_DIR: 'db' }, '/');
    const server = await startServer(config);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      const home = await fetch(`${server.url}/api/activities/home`);
      expect(((await home.json()) as unknown[]).length).toBeGreaterThan(0);
      // The front end opened by either loopback name may call the API; a stranger may not.
      for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000']) {
        const preflight = await fetch(`${server.url}/api/activities`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST' },
        });
        expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      }
      const stranger = await fetch(`${server.url}/api/health`, {
        headers: { origin: 'http://evil.example' },
      });
      expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await server.stop();
    }
  });
});
