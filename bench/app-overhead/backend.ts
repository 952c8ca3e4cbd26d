import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Child } from '../support/child-process.js';
import { registerCleanup } from '../support/cleanup.js';
import { REPO_ROOT } from '../support/paths.js';

const DIST_MAIN = join(REPO_ROOT, 'apps', 'backend', 'dist', 'main.js');

/** The service name every configuration reports, so (a)'s spans land in one known dataset. */
export const BENCH_SERVICE_NAME = 'cruddur-backend-app-overhead';

/**
 * Builds the observability server and the API once (`tsc -b`, as `npm run build` does). Unlike the
 * observability server there is no fallback to sources: the API under test must be what ships.
 */
export function buildApps(): void {
  try {
    execFileSync('npx', ['tsc', '-b', 'apps/observability', 'apps/backend'], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
    });
  } catch (error) {
    const output = (error as { stdout?: Buffer }).stdout?.toString() ?? '';
    throw new Error(`npx tsc -b apps/observability apps/backend failed:\n${output}`);
  }
  if (!existsSync(DIST_MAIN)) throw new Error(`no ${DIST_MAIN} after the build`);
}

/** What the API's drop warning last said: cumulative counts since start. */
export interface BackendTelemetryStats {
  readonly dropped: number;
  readonly exported: number;
  readonly reasons: string;
  readonly lastError: string | undefined;
}

export interface RunningBackend {
  readonly url: string;
  readonly child: Child;
  /** The latest `[telemetry] dropped …` line on stderr, or undefined when none was logged. */
  telemetryStats(): BackendTelemetryStats | undefined;
  /** SIGTERM (the API flushes its spans, bounded by the export timeout), then removes the data. */
  stop(): Promise<{ stopMs: number; exitCode: number | null }>;
}

/**
 * `node apps/backend/dist/main.js` on 127.0.0.1 with a free port and PGlite in a fresh temporary
 * CRUDDUR_DATA_DIR, pinned to `cpus`. `telemetryEnv` is the only thing that differs between
 * configurations; every inherited OTEL_* / HONEYCOMB_* / AWS_* / ROLLBAR_* / LOG_* variable is
 * removed first.
 */
export async function startBackend(options: {
  readonly name: string;
  readonly cpus: string | undefined;
  readonly telemetryEnv: Readonly<Record<string, string>>;
  readonly nodeArgs: readonly string[];
}): Promise<RunningBackend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cruddur-app-overhead-'));
  const removeData = (): void => rmSync(dataDir, { recursive: true, force: true });
  // Registered before the child, so on Ctrl-C the child stops first and the folder goes after.
  const unregisterData = registerCleanup({
    name: `${options.name} data dir`,
    stop: async () => removeData(),
    kill: removeData,
  });
  const inherited = Object.fromEntries(
    Object.keys(process.env)
      .filter((key) => /^(OTEL_|HONEYCOMB_|AWS_|ROLLBAR_|CLOUDWATCH_|LOG_)/.test(key))
      .map((key) => [key, undefined]),
  );
  const child = new Child({
    name: options.name,
    cpus: options.cpus,
    command: process.execPath,
    args: [...options.nodeArgs, DIST_MAIN],
    env: {
      ...inherited,
      CONNECTION_URL: undefined,
      CRUDDUR_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      SESSION_SECRET: 'app-overhead-bench-session-secret',
      OTEL_SERVICE_NAME: BENCH_SERVICE_NAME,
      ...options.telemetryEnv,
    },
    // A black-hole exporter may hold shutdown for one export timeout (30 s by default).
    stopTimeoutMs: 60_000,
  });
  let url: string;
  try {
    url = (await child.waitForOutput(/Cruddur API on (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
  } catch (error) {
    await child.stop();
    unregisterData();
    removeData();
    throw error;
  }
  return {
    url,
    child,
    telemetryStats: () => lastDropWarning(child.stderr),
    async stop() {
      const began = performance.now();
      const exitCode = await child.stop();
      const stopMs = performance.now() - began;
      unregisterData();
      removeData();
      return { stopMs, exitCode };
    },
  };
}

const DROP_WARNING =
  /\[telemetry\] dropped \d+ spans \(([^)]*)\); (\d+) dropped and (\d+) exported since start(?:; last export error: (.*))?/g;

function lastDropWarning(stderr: string): BackendTelemetryStats | undefined {
  const last = [...stderr.matchAll(DROP_WARNING)].at(-1);
  if (last === undefined) return undefined;
  return {
    reasons: last[1]!,
    dropped: Number(last[2]),
    exported: Number(last[3]),
    lastError: last[4],
  };
}
