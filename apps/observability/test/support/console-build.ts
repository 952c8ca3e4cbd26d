import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const CONFIG = fileURLToPath(new URL('../../console/vite.config.ts', import.meta.url));

/** Builds the console into `dist/console/` (where the server looks) with Vite's JS API. */
export async function buildConsole(): Promise<void> {
  await build({ configFile: CONFIG, logLevel: 'warn', build: { sourcemap: false } });
}
