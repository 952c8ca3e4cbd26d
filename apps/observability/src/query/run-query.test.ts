import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unixNanos } from '../model/time.js';
import { PERCENTILES } from './calculation-ops.js';
import { createCatalogResolver } from './catalog-resolver.js';
import { type CompileQueryOptions, compileQuery } from './compile-query.js';
import type { HeatmapValue } from './heatmap-value.js';
import {
  apiSpans,
  durations,
  loadFixture,
  percentile,
  SPANS,
  T0,
  WINDOW,
} from './query-fixture.testing.js';
import { parseQuerySpec } from './query-spec.js';
import { createQueryTestDb, type QueryTestDb, TEST_CATALOG } from './query-test-db.testing.js';
import { runQuery } from './run-query.js';

let db: QueryTestDb;
beforeAll(async () => {
  db = await createQueryTestDb();
  await loadFixture(db);
});
afterAll(() => db.close());

async function query(spec: Record<string, unknown>, options: Partial<CompileQueryOptions> = {}) {
  const compiled = compileQuery(parseQuerySpec({ ...WINDOW, ...spec }), {
    datasets: ['api'],
    resolver: createCatalogResolver(TEST_CATALOG),
    now: unixNanos(BigInt(T0 + 3600) * 1_000_000_000n),
    ...options,
  });
  return runQuery(compiled, db.run);
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('calculations', () => {
  it('computes every calculation exactly, percentiles by linear interpolation', async () => {
    const values = durations(apiSpans());
    const percentileOps = Object.keys(PERCENTILES) as (keyof typeof PERCENTILES)[];
    const { results } = await query({
      calculations: [
        { op: 'COUNT' },
        { op: 'COUNT_DISTINCT', column: 'app.userId' },
        { op: 'SUM', column: 'duration_ms' },
        { op: 'AVG', column: 'duration_ms' },
        { op: 'MIN', column: 'duration_ms' },
        { op: 'MAX', column: 'duration_ms' },
        ...percentileOps.map((op) => ({ op, column: 'duration_ms' })),
      ],
    });
    expect(results).toHaveLength(1);
    const data = results[0]?.data ?? {};
    expect(data.COUNT).toBe(apiSpans().length);
    expect(data['COUNT_DISTINCT(app.userId)']).toBe(4);
    expect(data['SUM(duration_ms)']).toBeCloseTo(sum(values), 9);
    expect(data['AVG(duration_ms)']).toBeCloseTo(sum(values) / values.length, 9);
    expect(data['MIN(duration_ms)']).toBe(Math.min(...values));
    expect(data['MAX(duration_ms)']).toBe(Math.max(...values));
    for (const op of percentileOps) {
      expect(data[`${op}(duration_ms)`], op).toBeCloseTo(percentile(values, PERCENTILES[op]), 9);
    }
  });

  it('sums an integer column to a JSON number', async () => {
    const { results } = await query({ calculations: [{ op: 'SUM', column: 'http.status_code' }] });
    expect(results[0]?.data['SUM(http.status_code)']).toBe(
      sum(apiSpans().map((s) => s.httpStatus)),
    );
  });

  it('reads a key stored as integer and float as one float column', async () => {
    const { results } = await query({ calculations: [{ op: 'AVG', column: 'mixed.num' }] });
    const values = apiSpans().flatMap((s) => (s.mixedNum === null ? [] : [s.mixedNum]));
    expect(results[0]?.data['AVG(mixed.num)']).toBeCloseTo(sum(values) / values.length, 9);
  });

  it('answers an empty window with a zero count and null aggregates', async () => {
    const { results, series } = await query({
      start_time: T0 - 1000,
      end_time: T0 - 400,
      calculations: [{ op: 'COUNT' }, { op: 'AVG', column: 'duration_ms' }],
    });
    expect(results).toEqual([{ data: { COUNT: 0, 'AVG(duration_ms)': null } }]);
    expect(series.every((point) => point.data.COUNT === 0)).toBe(true);
  });
});

describe('breakdowns, orders, limit and havings', () => {
  it('groups by a breakdown, keeping the group of events without the column as null', async () => {
    const { results } = await query({
      calculations: [{ op: 'COUNT' }, { op: 'P99', column: 'duration_ms' }],
      breakdowns: ['app.userId'],
    });
    const users = [...new Set(apiSpans().map((s) => s.userId))];
    expect(results).toHaveLength(users.length);
    for (const user of users) {
      const spans = apiSpans().filter((s) => s.userId === user);
      const row = results.find((r) => r.data['app.userId'] === user);
      expect(row?.data.COUNT, String(user)).toBe(spans.length);
      expect(row?.data['P99(duration_ms)']).toBeCloseTo(percentile(durations(spans), 0.99), 9);
    }
  });

  it('orders by the first calculation descending by default', async () => {
    const { results } = await query({ breakdowns: ['http.route'] });
    const counts = results.map((r) => r.data.COUNT as number);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('orders by a breakdown ascending and by a calculation ascending', async () => {
    const byRoute = await query({
      breakdowns: ['http.route'],
      orders: [{ column: 'http.route', order: 'ascending' }],
    });
    const routes = [...new Set(apiSpans().map((s) => s.route))].sort();
    expect(routes).toHaveLength(5);
    expect(byRoute.results.map((r) => r.data['http.route'])).toEqual(routes);
    const byAvg = await query({
      calculations: [{ op: 'AVG', column: 'duration_ms' }],
      breakdowns: ['http.route'],
      orders: [{ op: 'AVG', column: 'duration_ms', order: 'ascending' }],
    });
    const averages = byAvg.results.map((r) => r.data['AVG(duration_ms)'] as number);
    expect(averages).toEqual([...averages].sort((a, b) => a - b));
  });

  it('limits the results and restricts the series to the groups it kept', async () => {
    const { results, series } = await query({
      breakdowns: ['app.userId'],
      limit: 2,
      granularity: 60,
    });
    expect(results).toHaveLength(2);
    const kept = new Set(results.map((r) => r.data['app.userId']));
    expect(new Set(series.map((p) => p.data['app.userId']))).toEqual(kept);
  });

  it('drops the groups a having rejects', async () => {
    const countOf = (user: string | null) => apiSpans().filter((s) => s.userId === user).length;
    const users = [...new Set(apiSpans().map((s) => s.userId))];
    const threshold = Math.max(...users.map(countOf));
    const { results } = await query({
      breakdowns: ['app.userId'],
      havings: [{ calculate_op: 'COUNT', op: '>=', value: threshold }],
    });
    const expected = users.filter((user) => countOf(user) >= threshold);
    expect(expected.length).toBeLessThan(users.length);
    expect(results.map((r) => r.data['app.userId']).sort()).toEqual(expected.sort());
  });
});

describe('time window and series', () => {
  it('includes an event at start_time and excludes one at end_time', async () => {
    const at = (offset: number) =>
      SPANS.filter((s) => s.timeSec === T0 + offset && s.service === 'api');
    const { results } = await query({ start_time: T0 + 7, end_time: T0 + 14 });
    expect(at(7)).toHaveLength(1);
    expect(results[0]?.data.COUNT).toBe(1);
  });

  it('returns one entry per bucket and group, bucket start as RFC 3339', async () => {
    const { series } = await query({ breakdowns: ['cache.hit'], granularity: 60 });
    expect(series).toHaveLength(7 * 2);
    expect(series[0]?.time).toBe(new Date(T0 * 1000).toISOString().replace('.000Z', 'Z'));
    for (const point of series) {
      const start = Date.parse(point.time) / 1000;
      const expected = apiSpans().filter(
        (s) =>
          s.timeSec >= start &&
          s.timeSec < start + 60 &&
          (s.i % 2 === 0) === point.data['cache.hit'],
      ).length;
      expect(point.data.COUNT, `${point.time} ${point.data['cache.hit']}`).toBe(expected);
    }
  });

  it('chooses a granularity itself when none is given', async () => {
    const { series } = await query({ start_time: T0, end_time: T0 + 3600 });
    expect(series).toHaveLength(60);
    expect(sum(series.map((p) => p.data.COUNT as number))).toBe(apiSpans().length);
  });
});

describe('heatmaps', () => {
  it('counts values into shared buckets that sum to the count of each group and bucket', async () => {
    const { results, series } = await query({
      calculations: [
        { op: 'HEATMAP', column: 'duration_ms' },
        { op: 'COUNT', column: 'duration_ms' },
      ],
      breakdowns: ['http.route'],
      granularity: 120,
    });
    const values = durations(apiSpans());
    for (const row of results) {
      const heatmap = row.data['HEATMAP(duration_ms)'] as HeatmapValue;
      expect(heatmap.buckets).toHaveLength(30);
      expect(heatmap.buckets[0]?.lower).toBe(Math.min(...values));
      expect(heatmap.buckets[29]?.upper).toBe(Math.max(...values));
      expect(sum(heatmap.buckets.map((b) => b.count))).toBe(row.data['COUNT(duration_ms)']);
    }
    for (const point of series) {
      const heatmap = point.data['HEATMAP(duration_ms)'] as HeatmapValue;
      expect(sum(heatmap.buckets.map((b) => b.count))).toBe(point.data['COUNT(duration_ms)']);
    }
  });

  it('puts each value in the bucket its value range names', async () => {
    const { results } = await query({ calculations: [{ op: 'HEATMAP', column: 'duration_ms' }] });
    const heatmap = results[0]?.data['HEATMAP(duration_ms)'] as HeatmapValue;
    heatmap.buckets.forEach((bucket, index) => {
      const last = index === heatmap.buckets.length - 1;
      const inside = durations(apiSpans()).filter(
        (v) => v >= bucket.lower && (last ? v <= bucket.upper : v < bucket.upper),
      );
      expect(bucket.count, `bucket ${index}`).toBe(inside.length);
    });
  });
});

describe('datasets and resources', () => {
  it('reads one dataset, several, or all of them for __all__', async () => {
    const one = await query({});
    const all = await query({}, { datasets: 'all' });
    const both = await query({}, { datasets: ['api', 'web'] });
    expect(one.results[0]?.data.COUNT).toBe(apiSpans().length);
    expect(all.results[0]?.data.COUNT).toBe(SPANS.length);
    expect(both.results[0]?.data.COUNT).toBe(SPANS.length);
  });

  it('reads resource attributes and the instrumentation scope through the join', async () => {
    const { results } = await query({ breakdowns: ['host.name', 'library.name'] });
    const rows = results.map((r) => [r.data['host.name'], r.data['library.name'], r.data.COUNT]);
    const count = (host: string) => apiSpans().filter((s) => s.host === host).length;
    expect(rows).toContainEqual(['h1', 'lib-a', count('h1')]);
    expect(rows).toContainEqual(['h2', 'lib-b', count('h2')]);
    expect(rows).toHaveLength(2);
  });

  it('lets an event attribute shadow the resource attribute of the same key', async () => {
    const { results } = await query({ breakdowns: ['deployment.environment'] });
    for (const environment of ['prod', 'dev', 'staging']) {
      const row = results.find((r) => r.data['deployment.environment'] === environment);
      expect(row?.data.COUNT, environment).toBe(
        apiSpans().filter((s) => s.environment === environment).length,
      );
    }
  });

  it('reads a key stored as string and boolean as text', async () => {
    const { results } = await query({ breakdowns: ['mixed.any'] });
    expect(results.map((r) => r.data['mixed.any']).sort()).toEqual(['false', 'true', 'yes']);
  });
});
