import { describe, expect, it } from 'vitest';
import { unixNanos } from '../model/time.js';
import { createCatalogResolver } from './catalog-resolver.js';
import { type CompileQueryOptions, compileQuery } from './compile-query.js';
import { parseQuerySpec } from './query-spec.js';
import { TEST_CATALOG } from './query-test-db.testing.js';

const options: CompileQueryOptions = {
  datasets: ['api'],
  resolver: createCatalogResolver(TEST_CATALOG),
  now: unixNanos(1_700_000_000_000_000_000n),
};

function compile(spec: unknown, overrides: Partial<CompileQueryOptions> = {}) {
  return compileQuery(parseQuerySpec(spec), { ...options, ...overrides });
}

function golden(spec: unknown, overrides: Partial<CompileQueryOptions> = {}): string {
  const compiled = compile(spec, overrides);
  const series = compiled.series === undefined ? '' : `\n\n-- series\n${compiled.series.sql}`;
  return `-- results\n${compiled.sql}${series}\n`;
}

describe('compileQuery golden SQL', () => {
  it('compiles the benchmark query as a single grouped scan when series are disabled', async () => {
    const sql = golden(
      {
        calculations: [
          { op: 'AVG', column: 'duration_ms' },
          { op: 'P99', column: 'duration_ms' },
        ],
        filters: [{ column: 'http.route', op: '=', value: '/api/activities/home' }],
        breakdowns: ['app.userId'],
      },
      { disableSeries: true },
    );
    await expect(sql).toMatchFileSnapshot('./__snapshots__/benchmark-results-only.sql');
  });

  it('compiles a grouped query with its series restricted to the top groups', async () => {
    const sql = golden({
      calculations: [{ op: 'COUNT' }, { op: 'P50', column: 'duration_ms', name: 'median' }],
      breakdowns: ['http.route', 'span.kind'],
      orders: [{ op: 'COUNT', order: 'descending' }],
      havings: [{ calculate_op: 'COUNT', op: '>', value: 10 }],
      limit: 5,
      granularity: 60,
    });
    await expect(sql).toMatchFileSnapshot('./__snapshots__/breakdowns-series-having.sql');
  });

  it('compiles a plain count over every dataset', async () => {
    const sql = golden({ time_range: 600 }, { datasets: 'all' });
    await expect(sql).toMatchFileSnapshot('./__snapshots__/count-all-datasets.sql');
  });

  it('compiles OR filters of every kind with bound values', async () => {
    const sql = golden(
      {
        filters: [
          { column: 'http.status_code', op: '>=', value: '500' },
          { column: 'http.route', op: 'does-not-start-with', value: '/health' },
          { column: 'http.status_code', op: 'contains', value: '04' },
          { column: 'name', op: 'in', value: ['GET', 'POST'] },
          { column: 'trace.parent_id', op: 'does-not-exist' },
          { column: 'no.such.column', op: '!=', value: 'x' },
        ],
        filter_combination: 'OR',
      },
      { datasets: ['api', 'web'], disableSeries: true },
    );
    await expect(sql).toMatchFileSnapshot('./__snapshots__/or-filters.sql');
  });

  it('compiles a heatmap with shared bounds in a CTE', async () => {
    const sql = golden({
      calculations: [{ op: 'HEATMAP', column: 'duration_ms' }],
      breakdowns: ['service.name'],
    });
    await expect(sql).toMatchFileSnapshot('./__snapshots__/heatmap-breakdown.sql');
  });

  it('compiles resource attributes and type conflicts through the resources join', async () => {
    const sql = golden(
      {
        calculations: [
          { op: 'MAX', column: 'mixed.num' },
          { op: 'COUNT_DISTINCT', column: 'host.name' },
        ],
        breakdowns: ['deployment.environment', 'library.name'],
      },
      { disableSeries: true },
    );
    await expect(sql).toMatchFileSnapshot('./__snapshots__/resources-and-conflicts.sql');
  });
});

describe('compileQuery parameters', () => {
  it('binds user values and time bounds as parameters, never as SQL text', () => {
    const compiled = compile(
      {
        filters: [{ column: 'http.route', op: '=', value: "x'); DROP TABLE events; --" }],
        start_time: 1_000,
        end_time: 2_000,
      },
      { disableSeries: true },
    );
    expect(compiled.sql).not.toContain('DROP');
    expect(compiled.params).toEqual([
      1_000_000_000_000n,
      2_000_000_000_000n,
      'api',
      "x'); DROP TABLE events; --",
    ]);
  });

  it('reuses the results parameters in the series statement and adds the bucket width', () => {
    const compiled = compile({ breakdowns: ['http.route'], time_range: 3600, granularity: 60 });
    expect(compiled.series?.params).toEqual([...compiled.params, 60_000_000_000n]);
  });

  it('coerces a text filter value to an integer column', () => {
    const compiled = compile({ filters: [{ column: 'status_code', op: '=', value: '2' }] });
    expect(compiled.params.at(-1)).toBe(2n);
  });

  it('names calculations by their name, else OP(column)', () => {
    const { shape } = compile({
      calculations: [
        { op: 'COUNT' },
        { op: 'AVG', column: 'duration_ms' },
        { op: 'P99', column: 'duration_ms', name: 'slowest' },
        { op: 'HEATMAP', column: 'duration_ms' },
      ],
    });
    expect(shape.calculations.map((c) => c.label)).toEqual([
      'COUNT',
      'AVG(duration_ms)',
      'slowest',
      'HEATMAP(duration_ms)',
    ]);
  });
});
