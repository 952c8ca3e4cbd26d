import { randomBytes } from 'node:crypto';

const SERVICES = ['cruddur-frontend', 'cruddur-backend', 'cruddur-db'] as const;

/**
 * One trace of `spanCount` spans as an OTLP/JSON request: a tree four wide per level (as a busy
 * page load fans out), spread over three services, every tenth span with attributes and an event.
 */
export function waterfallTraceRequest(spanCount: number): { traceId: string; body: string } {
  const traceId = randomBytes(16).toString('hex');
  const ids = Array.from({ length: spanCount }, () => randomBytes(8).toString('hex'));
  const startNs = BigInt(Date.now() - 60_000) * 1_000_000n;
  const byService = new Map<string, unknown[]>(SERVICES.map((s) => [s, []]));
  for (let i = 0; i < spanCount; i++) {
    const parent = i === 0 ? undefined : Math.floor((i - 1) / 4);
    const depth = i === 0 ? 0 : Math.floor(Math.log(3 * i + 1) / Math.log(4));
    const start = startNs + BigInt(i) * 200_000n;
    const end = start + BigInt(Math.max(1, 2_000 - depth * 300)) * 100_000n;
    const service = SERVICES[Math.min(depth, SERVICES.length - 1)]!;
    byService.get(service)!.push({
      traceId,
      spanId: ids[i],
      ...(parent === undefined ? {} : { parentSpanId: ids[parent] }),
      name: `operation ${i % 40}`,
      kind: 2,
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(end),
      attributes:
        i % 10 === 0
          ? [
              { key: 'app.userId', value: { stringValue: `user-${i % 7}` } },
              { key: 'http.route', value: { stringValue: '/api/activities/home' } },
            ]
          : [],
      events:
        i % 10 === 0
          ? [{ timeUnixNano: String(start + 1000n), name: 'checkpoint', attributes: [] }]
          : [],
      status: i % 97 === 0 ? { code: 2, message: 'failed' } : {},
    });
  }
  const resourceSpans = [...byService.entries()].map(([service, spans]) => ({
    resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
    scopeSpans: [{ scope: { name: 'console-bench' }, spans }],
  }));
  return { traceId, body: JSON.stringify({ resourceSpans }) };
}
