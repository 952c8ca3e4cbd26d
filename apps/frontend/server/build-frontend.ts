import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { buildInputsDigest } from './build-inputs.js';

export const FRONTEND_ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../dist', import.meta.url));
const DIGEST_FILE = '.build-inputs';

const INPUTS = [
  'apps/frontend/src',
  'apps/frontend/index.html',
  'apps/frontend/vite.config.ts',
  'apps/frontend/tsconfig.json',
  'apps/frontend/package.json',
  'packages/telemetry/src/browser',
  'packages/telemetry/package.json',
  'package-lock.json',
].map((path) => `${REPO_ROOT}${path}`);

export interface BuildFrontendOptions {
  readonly outDir?: string;
  /** Build-time settings (`VITE_*`); the process environment is used when absent. */
  readonly env?: NodeJS.ProcessEnv;
  /** Rebuild even when nothing changed. */
  readonly force?: boolean;
}

/**
 * Builds the production bundle unless the last build in `outDir` came from the same inputs, so
 * a second `npm start` does not wait for Vite. Returns whether it built.
 */
export async function buildFrontend(options: BuildFrontendOptions = {}): Promise<boolean> {
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const env = options.env ?? process.env;
  const digest = await buildInputsDigest(INPUTS, env, REPO_ROOT);
  const previous = await readFile(`${outDir}/${DIGEST_FILE}`, 'utf8').catch(() => undefined);
  if (!options.force && previous === digest) return false;
  const settings = Object.entries(env).filter(([key]) => key.startsWith('VITE_'));
  await build({
    root: FRONTEND_ROOT,
    configFile: `${FRONTEND_ROOT}vite.config.ts`,
    logLevel: 'warn',
    // Given settings win over `.env` files and the process environment alike.
    define: Object.fromEntries(
      settings.map(([key, value]) => [`import.meta.env.${key}`, JSON.stringify(value ?? '')]),
    ),
    build: { outDir, emptyOutDir: true },
  });
  await writeFile(`${outDir}/${DIGEST_FILE}`, digest);
  return true;
}
