import { type ChildProcess, spawn } from 'node:child_process';

/**
 * A process the end-to-end test runs: output is kept (and shown when something fails), and
 * `waitFor` resolves with the first match of a pattern, or rejects when the process dies first.
 */
export class TestProcess {
  readonly #child: ChildProcess;
  #output = '';
  #exited: Promise<number | null>;

  constructor(
    readonly name: string,
    args: readonly string[],
    env: NodeJS.ProcessEnv,
    cwd: string,
  ) {
    this.#child = spawn(process.execPath, [...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.#output += chunk.toString();
    };
    this.#child.stdout?.on('data', keep);
    this.#child.stderr?.on('data', keep);
    this.#exited = new Promise((resolve) => this.#child.once('exit', (code) => resolve(code)));
  }

  get output(): string {
    return this.#output;
  }

  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.#exited.then(() => {
      exited = true;
    });
    while (Date.now() < deadline) {
      const match = pattern.exec(this.#output);
      if (match) return match;
      if (exited) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(
      `${this.name} ${exited ? 'exited' : 'timed out'} before printing ${pattern}:\n${this.#output}`,
    );
  }

  /** Exits with the process's own code: 0 once it stopped cleanly on SIGTERM. */
  async exit(): Promise<number | null> {
    return this.#exited;
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    this.#child.kill('SIGTERM');
    const killer = setTimeout(() => this.#child.kill('SIGKILL'), 10_000);
    await this.#exited;
    clearTimeout(killer);
  }
}
