import http from 'node:http';
import { parseArgs } from 'node:util';
import { PayloadStamper } from '../payloads/payload-stamper.js';
import { readTemplateFile } from '../payloads/template-file.js';
import { quantile } from '../support/stats.js';
import type { LoadOptions, LoadResult } from './load-result.js';

/**
 * Load generator process (run pinned to its own core): N workers each keep one request in flight
 * over a keep-alive agent, POSTing re-stamped OTLP protobuf requests to `/v1/traces`. A 503 is
 * retried after a pause, like an OTLP exporter would. Prints one JSON LoadResult line.
 */
async function main(): Promise<void> {
  const options = readOptions();
  const stamper = new PayloadStamper(readTemplateFile(options.templates));
  const target = new URL('/v1/traces', options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const post = (body: Buffer): Promise<number> =>
    new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/x-protobuf', 'content-length': body.length },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });

  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let retries = 0;
  let bytesSent = 0;
  let firstStart: bigint | undefined;
  let lastStart = 0n;

  const runPhase = async (from: number, count: number, record: boolean): Promise<void> => {
    let next = from;
    const end = from + count;
    const worker = async (): Promise<void> => {
      while (next < end) {
        const n = next++;
        const startNanos = BigInt(Date.now()) * 1_000_000n;
        firstStart ??= startNanos;
        lastStart = startNanos;
        const body = stamper.stamp(options.firstRequest + n, startNanos);
        for (let attempt = 0; ; attempt++) {
          const began = performance.now();
          const status = await post(body);
          if (record) {
            latencies.push(performance.now() - began);
            bytesSent += body.length;
          }
          if (status === 503 && attempt < 20) {
            retries++;
            await new Promise((resolve) => setTimeout(resolve, 50));
            continue;
          }
          statuses[status] = (statuses[status] ?? 0) + 1;
          break;
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  };

  await runPhase(0, options.warmup, false);
  const warmupAcked = statuses[200] ?? 0;
  for (const key of Object.keys(statuses)) delete statuses[key];
  const cpuBefore = process.cpuUsage();
  const began = performance.now();
  await runPhase(options.warmup, options.requests, true);
  const elapsedMs = performance.now() - began;
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();

  const acked = statuses[200] ?? 0;
  const result: LoadResult = {
    requests: options.requests,
    acked,
    spansAcked: acked * stamper.spansPerRequest,
    warmupSpansAcked: warmupAcked * stamper.spansPerRequest,
    statuses,
    retries,
    elapsedMs,
    latencyP50Ms: quantile(latencies, 0.5),
    latencyP99Ms: quantile(latencies, 0.99),
    bytesSent,
    clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
    firstStartNanos: String(firstStart ?? 0n),
    lastStartNanos: String(lastStart),
  };
  console.log(JSON.stringify(result));
}

function readOptions(): LoadOptions {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      templates: { type: 'string' },
      requests: { type: 'string' },
      warmup: { type: 'string', default: '0' },
      concurrency: { type: 'string', default: '8' },
      'first-request': { type: 'string', default: '0' },
    },
  });
  if (values.url === undefined || values.templates === undefined || values.requests === undefined) {
    throw new Error('usage: load-client --url U --templates FILE --requests N [--warmup N]');
  }
  return {
    url: values.url,
    templates: values.templates,
    requests: Number(values.requests),
    warmup: Number(values.warmup),
    concurrency: Number(values.concurrency),
    firstRequest: Number(values['first-request']),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
