import { type ChildProcess, spawn } from 'node:child_process';
import type { ServiceSpec } from './services.js';

const READY_TIMEOUT_MS = 60_000;

/**
 * Runs services together: each starts once the previous one answers its readiness URL, output is
 * prefixed with the service name, and when one exits the others are stopped with a message
 * saying which one died.
 */
export class Supervisor {
  readonly #children = new Map<string, ChildProcess>();
  #stopping = false;

  async start(services: readonly ServiceSpec[]): Promise<void> {
    for (const service of services) {
      this.#spawn(service);
      await waitUntilReady(service, () => this.#stopping);
    }
  }

  stop(reason: string, exitCode: number): void {
    if (this.#stopping) return;
    this.#stopping = true;
    // Reverse start order: the API flushes its last spans, logs and errors while the
    // observability server is still there to take them.
    const children = [...this.#children].reverse();
    console.log(`\n${reason}; stopping ${children.map(([name]) => name).join(', ')}`);
    void (async () => {
      for (const [, child] of children) await stopChild(child);
      process.exit(exitCode);
    })();
  }

  #spawn(service: ServiceSpec): void {
    const child = spawn(service.command, [...service.args], {
      env: { ...process.env, ...service.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#children.set(service.name, child);
    const prefix = `[${service.name}] `;
    const relay = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        // Services that already tag their own lines are not tagged twice.
        if (line !== '') stream.write(line.startsWith(prefix) ? `${line}\n` : `${prefix}${line}\n`);
      }
    };
    child.stdout?.on('data', relay(process.stdout));
    child.stderr?.on('data', relay(process.stderr));
    child.once('exit', (code, signal) => {
      this.stop(`${service.name} exited (${signal ?? `code ${code}`})`, code === 0 ? 0 : 1);
    });
  }
}

async function waitUntilReady(service: ServiceSpec, cancelled: () => boolean): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!cancelled()) {
    try {
      const res = await fetch(service.readyUrl);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(
        `${service.name} not ready at ${service.readyUrl} after ${READY_TIMEOUT_MS / 1000}s`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}
