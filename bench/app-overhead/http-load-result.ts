import { Child, tsxArgs } from '../support/child-process.js';
import { benchScript } from '../support/paths.js';
import { quantile } from '../support/stats.js';

/** What `http-load-client.ts` answers to one command (one JSON line). */
export interface HttpLoadResult {
  /** 2xx responses. */
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly durationSec: number;
  /** Every 2xx response's latency in milliseconds, in arrival order. */
  readonly latencies: readonly number[];
  readonly clientCpuSeconds: number;
}

/** Several results taken as one: their requests, time and latencies together. */
export interface LoadTotals {
  readonly ok: number;
  readonly durationSec: number;
  readonly requestsPerSec: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly clientCpuSeconds: number;
}

export function loadTotals(results: readonly HttpLoadResult[]): LoadTotals {
  const ok = results.reduce((sum, r) => sum + r.ok, 0);
  const durationSec = results.reduce((sum, r) => sum + r.durationSec, 0);
  const latencies = results.flatMap((r) => r.latencies);
  return {
    ok,
    durationSec,
    requestsPerSec: ok / durationSec,
    latencyP50Ms: quantile(latencies, 0.5),
    latencyP99Ms: quantile(latencies, 0.99),
    clientCpuSeconds: results.reduce((sum, r) => sum + r.clientCpuSeconds, 0),
  };
}

/** The autocannon process, pinned to `cpus`, kept for a whole run and given one load at a time. */
export class HttpLoadClient {
  private constructor(private readonly child: Child) {}

  static start(cpus: string | undefined): HttpLoadClient {
    return new HttpLoadClient(
      new Child({
        name: 'autocannon client',
        cpus,
        command: process.execPath,
        args: tsxArgs(benchScript('app-overhead/http-load-client.ts'), []),
        stdin: true,
      }),
    );
  }

  async run(options: {
    url: string;
    connections: number;
    durationSec: number;
  }): Promise<HttpLoadResult> {
    this.child.writeLine(JSON.stringify(options));
    return JSON.parse(await this.child.readLine()) as HttpLoadResult;
  }

  async close(): Promise<void> {
    await this.child.stop();
  }
}
