import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type StoreOptions, TelemetryStore } from '../../src/store/telemetry-store.js';

/**
 * Stores a test file opens and the temporary directories their files live in, closed and removed
 * after each test.
 */
export function storeFixture(): {
  open(path?: string, options?: Omit<StoreOptions, 'path'>): Promise<TelemetryStore>;
  tempFile(): string;
} {
  const opened: TelemetryStore[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close().catch(() => undefined);
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return {
    async open(path = ':memory:', options = {}) {
      const store = await TelemetryStore.open({ path, ...options });
      opened.push(store);
      return store;
    },
    tempFile() {
      const dir = mkdtempSync(join(tmpdir(), 'cruddur-store-'));
      dirs.push(dir);
      return join(dir, 'observability.duckdb');
    },
  };
}
