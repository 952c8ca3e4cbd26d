import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Child, tsxArgs } from './child-process.js';
import { REPO_ROOT } from './paths.js';

const APP = join(REPO_ROOT, 'apps', 'observability');
const DIST_CLI = join(APP, 'dist', 'cli.js');
const SRC_CLI = join(APP, 'src', 'cli.ts');

let entry: { args: string[]; how: string } | undefined;

/**
 * Builds the server once per run (`tsc -b apps/observability`) and runs the compiled CLI; if the
 * build fails (someone mid-edit), falls back to running the sources through tsx and says so.
 */
export function serverEntry(): { args: string[]; how: string } {
  if (entry !== undefined) return entry;
  try {
    execFileSync('npx', ['tsc', '-b', 'apps/observability'], { cwd: REPO_ROOT, stdio: 'pipe' });
    if (!existsSync(DIST_CLI)) throw new Error('no dist/cli.js after the build');
    entry = { args: [DIST_CLI], how: 'node apps/observability/dist/cli.js (fresh tsc -b build)' };
  } catch (error) {
    console.warn(`build failed, running the server from sources: ${(error as Error).message}`);
    entry = { args: tsxArgs(SRC_CLI, []), how: 'node --import tsx apps/observability/src/cli.ts' };
  }
  return entry;
}

export interface RunningObservability {
  readonly url: string;
  readonly child: Child;
}

/** Starts the real server on 127.0.0.1 with a free port; `child.stop()` commits and closes it. */
export async function startObservability(options: {
  readonly data: string;
  readonly cpus: string | undefined;
  readonly nodeArgs?: readonly string[];
}): Promise<RunningObservability> {
  const { args } = serverEntry();
  const child = new Child({
    name: 'observability server',
    cpus: options.cpus,
    command: process.execPath,
    args: [
      ...(options.nodeArgs ?? []),
      ...args,
      '--host',
      '127.0.0.1',
      '--http-port',
      '0',
      '--data',
      options.data,
    ],
    stopTimeoutMs: 120_000,
  });
  const match = await child.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
  return { url: match[1]!, child };
}
