import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { quantile } from '../support/stats.js';
import type { HttpLoadResult } from './http-load-result.js';

/**
 * Load generator process (run pinned to its own core): `autocannon` with N keep-alive connections
 * GETting one URL for a fixed time. Latencies come from autocannon's per-response event (floating
 * milliseconds) rather than its histogram, which rounds to whole milliseconds: the target is
 * "p99 added under 2 ms". Prints one JSON HttpLoadResult line.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      connections: { type: 'string', default: '1' },
      duration: { type: 'string', default: '10' },
    },
  });
  const { url } = values;
  if (url === undefined) throw new Error('usage: http-load-client --url U [--duration S]');

  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: Number(values.connections),
        duration: Number(values.duration),
        timeout: 30,
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const cpu = process.cpuUsage(cpuBefore);

  const output: HttpLoadResult = {
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSec: result.duration,
    startMs: result.start.getTime(),
    finishMs: result.finish.getTime(),
    requestsPerSec: result['2xx'] / result.duration,
    latencyMeanMs: latencies.reduce((sum, value) => sum + value, 0) / latencies.length,
    latencyP50Ms: quantile(latencies, 0.5),
    latencyP90Ms: quantile(latencies, 0.9),
    latencyP99Ms: quantile(latencies, 0.99),
    latencyMaxMs: quantile(latencies, 1),
    clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
  console.log(JSON.stringify(output));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
