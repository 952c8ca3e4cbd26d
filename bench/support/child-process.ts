import { type ChildProcess, spawn } from 'node:child_process';
import { registerCleanup } from './cleanup.js';
import { REPO_ROOT } from './paths.js';

export interface ChildOptions {
  /** Shown in errors and cleanup messages. */
  readonly name: string;
  /** `taskset -c` CPU list, e.g. '0'; undefined runs unpinned. */
  readonly cpus: string | undefined;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** How long SIGTERM may take before SIGKILL. */
  readonly stopTimeoutMs?: number;
  /** Keep stdin open for `writeLine` (default: no stdin). */
  readonly stdin?: boolean;
}

/** A child process started by a benchmark; always stopped through `stop` or the cleanup registry. */
export class Child {
  readonly #child: ChildProcess;
  readonly #exited: Promise<number | null>;
  readonly #unregister: () => void;
  #stdout = '';
  #stderr = '';
  /** How much of stdout `readLine` has handed out. */
  #stdoutRead = 0;

  constructor(private readonly options: ChildOptions) {
    const [command, args] =
      options.cpus === undefined
        ? [options.command, options.args]
        : ['taskset', ['-c', options.cpus, options.command, ...options.args]];
    // taskset execs the command, so the pid is the pinned process itself.
    this.#child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    this.#child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      this.#stdout += text;
    });
    this.#child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      this.#stderr += text;
    });
    this.#exited = new Promise((resolve) => {
      this.#child.once('exit', (code) => resolve(code));
      this.#child.once('error', (error) => {
        this.#stderr += String(error);
        resolve(null);
      });
    });
    this.#unregister = registerCleanup({
      name: options.name,
      stop: () => this.stop().then(() => undefined),
      kill: () => this.#child.kill('SIGKILL'),
    });
  }

  get pid(): number {
    if (this.#child.pid === undefined) throw new Error(`${this.options.name} did not start`);
    return this.#child.pid;
  }

  get stdout(): string {
    return this.#stdout;
  }

  get stderr(): string {
    return this.#stderr;
  }

  get exited(): Promise<number | null> {
    return this.#exited;
  }

  /** Resolves with the first match of `pattern` in stdout; fails if the child exits first. */
  waitForOutput(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    return this.#poll(() => pattern.exec(this.#stdout) ?? undefined, timeoutMs, `no ${pattern}`);
  }

  /** Writes one line to the child's stdin (`stdin: true`). */
  writeLine(line: string): void {
    if (this.#child.stdin === null) throw new Error(`${this.options.name} has no stdin`);
    this.#child.stdin.write(`${line}\n`);
  }

  /** The next whole stdout line not yet read; fails if the child exits first. */
  readLine(timeoutMs = 120_000): Promise<string> {
    return this.#poll(
      () => {
        const end = this.#stdout.indexOf('\n', this.#stdoutRead);
        if (end < 0) return undefined;
        const line = this.#stdout.slice(this.#stdoutRead, end);
        this.#stdoutRead = end + 1;
        return line;
      },
      timeoutMs,
      'no line',
    );
  }

  /** Checks `found` every 20 ms until it gives a value; fails if the child exits or time runs out. */
  async #poll<T>(found: () => T | undefined, timeoutMs: number, missing: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = found();
      if (value !== undefined) return value;
      if (this.#child.exitCode !== null || this.#child.signalCode !== null) {
        throw new Error(`${this.options.name} exited early:\n${this.#stdout}\n${this.#stderr}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`${this.options.name} printed ${missing} in ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Waits for the child to exit by itself; fails on a non-zero exit code. */
  async done(): Promise<string> {
    const code = await this.#exited;
    this.#unregister();
    if (code !== 0) {
      throw new Error(`${this.options.name} exited with ${code}:\n${this.#stderr.slice(-4000)}`);
    }
    return this.#stdout;
  }

  /** SIGTERM, then SIGKILL after the timeout. */
  async stop(): Promise<number | null> {
    this.#unregister();
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return this.#exited;
    this.#child.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(resolve, this.options.stopTimeoutMs ?? 60_000, 'timeout').unref(),
    );
    if ((await Promise.race([this.#exited, timeout])) === 'timeout') {
      this.#child.kill('SIGKILL');
    }
    return this.#exited;
  }
}

/** `node --import tsx <script>`: how bench processes run their TypeScript entry points. */
export function tsxArgs(script: string, args: readonly string[]): string[] {
  return ['--import', 'tsx', script, ...args];
}
