import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/**
 * The fixture app (`fixtures/traced-main.ts`) in its own Node process, the way `npm start` runs
 * the backend: started with exactly `env`, it prints `{"port": N}` once it listens.
 */
export class TracedProcess {
  #stderr = '';
  #port = 0;

  private constructor(private readonly child: ChildProcess) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr += chunk.toString();
    });
  }

  static async start(env: NodeJS.ProcessEnv): Promise<TracedProcess> {
    const main = fileURLToPath(new URL('../fixtures/traced-main.ts', import.meta.url));
    const started = new TracedProcess(
      spawn(process.execPath, ['--conditions=development', '--import', 'tsx', main], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    const [line] = (await Promise.race([
      once(started.child.stdout!, 'data'),
      once(started.child, 'exit').then(() => {
        throw new Error(`traced app exited early: ${started.#stderr}`);
      }),
    ])) as [Buffer];
    started.#port = (JSON.parse(line.toString()) as { port: number }).port;
    return started;
  }

  get port(): number {
    return this.#port;
  }

  get stderr(): string {
    return this.#stderr;
  }

  get exitCode(): number | null {
    return this.child.exitCode;
  }

  /** SIGTERM (the app flushes its telemetry on the way out) and waits for the exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** This process's environment without the telemetry variables a developer may have set. */
export function envWithoutTelemetry(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(OTEL_|HONEYCOMB_|AWS_XRAY_)/.test(key)),
  );
}
