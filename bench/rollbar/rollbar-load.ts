import http from 'node:http';
import { quantile } from '../support/stats.js';
import { occurrenceUuid } from './rollbar-payload.js';

export interface RollbarLoadResult {
  readonly acked: number;
  readonly elapsedMs: number;
  readonly statuses: Record<string, number>;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
}

/**
 * POSTs `requests` items to `url` with `concurrency` in flight on keep-alive connections, each
 * with its own uuid, and counts the 200 `{"err":0}` answers.
 */
export async function runRollbarLoad(options: {
  readonly url: string;
  readonly template: { before: string; after: string };
  readonly requests: number;
  readonly concurrency: number;
  readonly run: number;
}): Promise<RollbarLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const target = new URL(`${options.url}/api/1/item/`);
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let acked = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.requests) {
      const n = next++;
      const body = `${options.template.before}${occurrenceUuid(options.run, n)}${options.template.after}`;
      const sent = performance.now();
      const { status, text } = await post(agent, target, body);
      latencies.push(performance.now() - sent);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 200 && text.includes('"err":0')) acked++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return {
    acked,
    elapsedMs,
    statuses,
    latencyP50Ms: quantile(latencies, 0.5),
    latencyP99Ms: quantile(latencies, 0.99),
  };
}

function post(
  agent: http.Agent,
  url: URL,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-rollbar-access-token': 'bench',
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
