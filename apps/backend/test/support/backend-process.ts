import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BACKEND_DIR = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const START_TIMEOUT_MS = 45_000;
const STOP_TIMEOUT_MS = 10_000;

export interface BackendProcess {
  /** Where the API listens, as `main.ts` logged it. */
  readonly url: string;
  /** Everything the process wrote so far, for failure messages. */
  output(): string;
  /** SIGTERM (main.ts stops the server, then flushes telemetry), SIGKILL if it hangs. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Inherited variables that would send spans, logs or errors elsewhere or choose another
 * database: the test decides those. Everything else (PATH, HOME, …) is passed on.
 */
function inheritedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(OTEL_|HONEYCOMB_|AWS_|ROLLBAR_|CLOUDWATCH_|LOG_)/.test(key)) continue;
    if (['CONNECTION_URL', 'CRUDDUR_DATA_DIR', 'PORT', 'HOST', 'INIT_CWD'].includes(key)) continue;
    env[key] = value;
  }
  return env;
}

const running = new Set<ChildProcess>();
// Last resort if the test process dies without afterAll: never leave a backend behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Runs the real entry point, `src/main.ts`, the way `npm run dev` does: its own Node process,
 * where `startTelemetry` installs the ESM loader hook before express and pg are imported.
 */
export async function startBackendProcess(env: Record<string, string>): Promise<BackendProcess> {
  const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', MAIN], {
    cwd: BACKEND_DIR,
    env: { ...inheritedEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      const result = await exited;
      clearTimeout(timer);
      return result;
    }
    return exited;
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`backend did not start in ${START_TIMEOUT_MS} ms:\n${output}`)),
        START_TIMEOUT_MS,
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Cruddur API on (http:\/\/\S+)/.exec(output);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      void exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`backend exited early (${signal ?? `code ${code}`}):\n${output}`));
      });
    });
    return { url, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
