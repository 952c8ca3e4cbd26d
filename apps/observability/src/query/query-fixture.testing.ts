import type { QueryTestDb, TestEvent } from './query-test-db.testing.js';

/** Test support only: one known set of spans, kept as plain objects to compute the truth from. */

/** A whole minute, so 60 s buckets start exactly at T0. */
export const T0 = 1_699_999_980;
export const WINDOW = { start_time: T0, end_time: T0 + 420 } as const;
const ROUTES = ['/a', '/b', '/health', '/api/x', '/api/y'];

export interface FixtureSpan {
  readonly i: number;
  readonly service: string;
  readonly timeSec: number;
  readonly durationMs: number | null;
  readonly userId: string | null;
  readonly route: string;
  readonly httpStatus: number;
  readonly kind: number;
  readonly isError: boolean;
  readonly host: string;
  readonly environment: string;
  readonly library: string;
  readonly mixedNum: number | null;
  readonly mixedAny: string;
}

export const SPANS: readonly FixtureSpan[] = Array.from({ length: 60 }, (_, i) => {
  const resource = i % 2 === 1 ? 1 : 2;
  return {
    i,
    service: i % 5 === 0 ? 'web' : 'api',
    timeSec: T0 + i * 7,
    durationMs: i === 13 ? null : ((i * 37) % 101) + i / 10,
    userId: i % 11 === 0 ? null : `u${i % 4}`,
    route: ROUTES[(i * 3 + Math.floor(i / 7)) % 5] as string,
    httpStatus: [200, 404, 500][i % 3] as number,
    kind: i % 6,
    isError: i % 7 === 0,
    host: resource === 1 ? 'h1' : 'h2',
    environment: i % 10 === 3 ? 'staging' : resource === 1 ? 'prod' : 'dev',
    library: resource === 1 ? 'lib-a' : 'lib-b',
    mixedNum: i % 3 === 0 ? i : i % 3 === 1 ? i + 0.5 : null,
    mixedAny: i % 2 === 1 ? 'yes' : String(i % 4 === 0),
  };
});

export function apiSpans(): FixtureSpan[] {
  return SPANS.filter((span) => span.service === 'api');
}

function toEvent(span: FixtureSpan): TestEvent {
  const i = span.i;
  const attributes: Record<string, string | number | bigint | boolean> = {
    's:http.route': span.route,
    'i:http.status_code': BigInt(span.httpStatus),
    'b:cache.hit': i % 2 === 0,
  };
  if (span.userId !== null) attributes['s:app.userId'] = span.userId;
  if (i % 10 === 3) attributes['s:deployment.environment'] = 'staging';
  if (i % 3 === 0) attributes['i:mixed.num'] = BigInt(i);
  if (i % 3 === 1) attributes['f:mixed.num'] = i + 0.5;
  if (i % 2 === 1) attributes['s:mixed.any'] = 'yes';
  else attributes['b:mixed.any'] = i % 4 === 0;
  return {
    timeSec: span.timeSec,
    service: span.service,
    durationMs: span.durationMs,
    kind: span.kind,
    statusCode: span.isError ? 2 : 0,
    resourceId: span.host === 'h1' ? 1n : 2n,
    traceId: BigInt(i + 1) << 100n,
    spanId: BigInt(i + 1),
    parentSpanId: i % 4 === 0 ? null : BigInt(i),
    attributes,
  };
}

export async function loadFixture(db: QueryTestDb): Promise<void> {
  await db.insertResources([
    {
      resourceId: 1n,
      service: 'api',
      scopeName: 'lib-a',
      attributes: { 's:host.name': 'h1', 's:deployment.environment': 'prod' },
    },
    {
      resourceId: 2n,
      service: 'api',
      scopeName: 'lib-b',
      attributes: { 's:host.name': 'h2', 's:deployment.environment': 'dev' },
    },
  ]);
  await db.insertEvents(SPANS.map(toEvent));
}

/** Exact percentile with linear interpolation between closest ranks (DuckDB's quantile_cont). */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (b - a) * (position - lower);
}

export function durations(spans: readonly FixtureSpan[]): number[] {
  return spans.flatMap((span) => (span.durationMs === null ? [] : [span.durationMs]));
}
