import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** What a front-end build depends on besides its files: build-time settings. */
const BUILD_ENV = /^(VITE_|CRUDDUR_TELEMETRY$|NODE_ENV$)/;

/**
 * A digest of everything the production build reads: the app's sources and config, the browser
 * telemetry package, the lockfile (dependency versions) and the `VITE_*` settings. Equal digests
 * mean the last build is still right.
 */
export async function buildInputsDigest(
  paths: readonly string[],
  env: NodeJS.ProcessEnv,
  base: string,
): Promise<string> {
  const hash = createHash('sha256');
  const files = (await Promise.all(paths.map(listFiles))).flat().sort();
  for (const file of files) {
    hash.update(`${relative(base, file)}\0`);
    hash.update(await readFile(file));
    hash.update('\0');
  }
  for (const key of Object.keys(env)
    .filter((name) => BUILD_ENV.test(name))
    .sort()) {
    hash.update(`${key}=${env[key]}\0`);
  }
  return hash.digest('hex');
}

async function listFiles(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOTDIR') return undefined;
      if (error.code === 'ENOENT') return [];
      throw error;
    },
  );
  if (entries === undefined) return [path];
  const nested = await Promise.all(
    entries
      .filter(
        (entry) =>
          entry.name !== 'node_modules' &&
          !entry.name.endsWith('.test.ts') &&
          !entry.name.endsWith('.test.tsx'),
      )
      .map((entry) =>
        entry.isDirectory() ? listFiles(join(path, entry.name)) : [join(path, entry.name)],
      ),
  );
  return nested.flat();
}
