import { Child, tsxArgs } from '../support/child-process.js';
import { benchScript } from '../support/paths.js';

/** What `http-load-client.ts` reports on its last stdout line (JSON). */
export interface HttpLoadResult {
  /** 2xx responses. */
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly durationSec: number;
  readonly startMs: number;
  readonly finishMs: number;
  /** 2xx responses per second over the whole run. */
  readonly requestsPerSec: number;
  readonly latencyMeanMs: number;
  readonly latencyP50Ms: number;
  readonly latencyP90Ms: number;
  readonly latencyP99Ms: number;
  readonly latencyMaxMs: number;
  readonly clientCpuSeconds: number;
}

/** Runs autocannon against `url` in its own process pinned to `cpus`; returns its report. */
export async function runHttpLoad(
  options: { url: string; connections: number; durationSec: number },
  cpus: string | undefined,
): Promise<HttpLoadResult> {
  const child = new Child({
    name: 'autocannon client',
    cpus,
    command: process.execPath,
    args: tsxArgs(benchScript('app-overhead/http-load-client.ts'), [
      '--url',
      options.url,
      '--connections',
      String(options.connections),
      '--duration',
      String(options.durationSec),
    ]),
  });
  const stdout = await child.done();
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as HttpLoadResult;
}
