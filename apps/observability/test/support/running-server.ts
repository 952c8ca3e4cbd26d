import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server.js';

const started: RunningServer[] = [];
const dirs: string[] = [];

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: '127.0.0.1',
    httpPort: 0,
    xrayPort: 0,
    data: ':memory:',
    maxBodyBytes: 20 * 1024 * 1024,
    maxPendingRows: 200_000,
    memoryLimit: '512MB',
    ingestKeys: [],
    queryKeys: [],
    ...overrides,
  };
}

/** A real server on a free loopback port; `stopAllServers` in afterEach/afterAll stops it. */
export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
): Promise<RunningServer> {
  const server = await startServer(testConfig(overrides));
  started.push(server);
  return server;
}

export async function stopAllServers(): Promise<void> {
  for (const server of started.splice(0)) await server.stop().catch(() => undefined);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A fresh DuckDB file path in a temporary folder removed by `stopAllServers`. */
export function tempDataFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cruddur-obs-'));
  dirs.push(dir);
  return join(dir, 'observability.duckdb');
}

/** Forgets a server stopped by the test itself (e.g. a restart test). */
export function forget(server: RunningServer): void {
  const index = started.indexOf(server);
  if (index >= 0) started.splice(index, 1);
}
