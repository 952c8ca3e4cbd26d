import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unixNanos } from '../model/time.js';
import { createCatalogResolver } from './catalog-resolver.js';
import { compileQuery } from './compile-query.js';
import { apiSpans, type FixtureSpan, loadFixture, T0, WINDOW } from './query-fixture.testing.js';
import { parseQuerySpec } from './query-spec.js';
import { createQueryTestDb, type QueryTestDb, TEST_CATALOG } from './query-test-db.testing.js';
import { runQuery } from './run-query.js';

let db: QueryTestDb;
beforeAll(async () => {
  db = await createQueryTestDb();
  await loadFixture(db);
});
afterAll(() => db.close());

async function query(spec: Record<string, unknown>) {
  const compiled = compileQuery(parseQuerySpec({ ...WINDOW, ...spec }), {
    datasets: ['api'],
    resolver: createCatalogResolver(TEST_CATALOG),
    now: unixNanos(BigInt(T0 + 3600) * 1_000_000_000n),
    disableSeries: true,
  });
  return runQuery(compiled, db.run);
}

async function countWhere(filters: unknown[], filterCombination?: 'AND' | 'OR') {
  const { results } = await query({
    filters,
    ...(filterCombination === undefined ? {} : { filter_combination: filterCombination }),
  });
  return results[0]?.data.COUNT;
}

const truth = (predicate: (span: FixtureSpan) => boolean) => apiSpans().filter(predicate).length;

const CASES: [string, unknown, (span: FixtureSpan) => boolean][] = [
  ['=', { column: 'http.route', op: '=', value: '/b' }, (s) => s.route === '/b'],
  [
    '!= (includes events without the column)',
    { column: 'app.userId', op: '!=', value: 'u1' },
    (s) => s.userId !== 'u1',
  ],
  [
    '>',
    { column: 'duration_ms', op: '>', value: 50 },
    (s) => s.durationMs !== null && s.durationMs > 50,
  ],
  ['>=', { column: 'http.status_code', op: '>=', value: 404 }, (s) => s.httpStatus >= 404],
  [
    '<',
    { column: 'duration_ms', op: '<', value: 20.5 },
    (s) => s.durationMs !== null && s.durationMs < 20.5,
  ],
  ['<=', { column: 'http.status_code', op: '<=', value: 404 }, (s) => s.httpStatus <= 404],
  [
    'starts-with',
    { column: 'http.route', op: 'starts-with', value: '/api' },
    (s) => s.route.startsWith('/api'),
  ],
  [
    'does-not-start-with',
    { column: 'http.route', op: 'does-not-start-with', value: '/api' },
    (s) => !s.route.startsWith('/api'),
  ],
  [
    'ends-with',
    { column: 'http.route', op: 'ends-with', value: 'x' },
    (s) => s.route.endsWith('x'),
  ],
  [
    'does-not-end-with',
    { column: 'app.userId', op: 'does-not-end-with', value: '1' },
    (s) => !(s.userId ?? '').endsWith('1') || s.userId === null,
  ],
  [
    'contains',
    { column: 'http.route', op: 'contains', value: 'ea' },
    (s) => s.route.includes('ea'),
  ],
  [
    'does-not-contain',
    { column: 'http.route', op: 'does-not-contain', value: 'a' },
    (s) => !s.route.includes('a'),
  ],
  ['exists', { column: 'app.userId', op: 'exists' }, (s) => s.userId !== null],
  ['does-not-exist', { column: 'app.userId', op: 'does-not-exist' }, (s) => s.userId === null],
  [
    'in',
    { column: 'app.userId', op: 'in', value: ['u1', 'u2'] },
    (s) => s.userId === 'u1' || s.userId === 'u2',
  ],
  [
    'not-in (includes events without the column)',
    { column: 'app.userId', op: 'not-in', value: ['u1', 'u2'] },
    (s) => s.userId !== 'u1' && s.userId !== 'u2',
  ],
  [
    'string op on an integer column compares its text',
    { column: 'http.status_code', op: 'starts-with', value: '40' },
    (s) => String(s.httpStatus).startsWith('40'),
  ],
  [
    'integer column against a text value',
    { column: 'http.status_code', op: '=', value: '500' },
    (s) => s.httpStatus === 500,
  ],
  [
    'integer column against a fraction',
    { column: 'http.status_code', op: '<', value: 404.5 },
    (s) => s.httpStatus < 404.5,
  ],
  [
    'boolean column against "true"',
    { column: 'cache.hit', op: '=', value: 'true' },
    (s) => s.i % 2 === 0,
  ],
  ['resource attribute', { column: 'host.name', op: '=', value: 'h1' }, (s) => s.host === 'h1'],
  [
    'event attribute shadowing a resource one',
    { column: 'deployment.environment', op: '=', value: 'prod' },
    (s) => s.environment === 'prod',
  ],
  ['error', { column: 'error', op: '=', value: true }, (s) => s.isError],
  ['status_code given as text', { column: 'status_code', op: '=', value: '2' }, (s) => s.isError],
  ['span.kind by name', { column: 'span.kind', op: '=', value: 'client' }, (s) => s.kind === 3],
  [
    'trace.parent_id does-not-exist finds roots',
    { column: 'trace.parent_id', op: 'does-not-exist' },
    (s) => s.i % 4 === 0,
  ],
  ['name', { column: 'name', op: '=', value: 'GET' }, () => true],
  ['service.name', { column: 'service.name', op: '=', value: 'api' }, () => true],
  ['meta.signal_type', { column: 'meta.signal_type', op: '=', value: 'trace' }, () => true],
  [
    'library.name',
    { column: 'library.name', op: '=', value: 'lib-b' },
    (s) => s.library === 'lib-b',
  ],
  [
    'unknown column with does-not-exist matches everything',
    { column: 'no.such', op: 'does-not-exist' },
    () => true,
  ],
  [
    'unknown column with = matches nothing',
    { column: 'no.such', op: '=', value: 'x' },
    () => false,
  ],
  [
    'unknown column with != matches everything',
    { column: 'no.such', op: '!=', value: 'x' },
    () => true,
  ],
];

describe('filters', () => {
  it.each(CASES)('filters with %s', async (_name, filter, predicate) => {
    expect(await countWhere([filter])).toBe(truth(predicate));
  });

  it('combines filters with AND by default and with OR when asked', async () => {
    const filters = [
      { column: 'http.route', op: '=', value: '/b' },
      { column: 'app.userId', op: '=', value: 'u2' },
    ];
    expect(await countWhere(filters)).toBe(truth((s) => s.route === '/b' && s.userId === 'u2'));
    expect(await countWhere(filters, 'OR')).toBe(
      truth((s) => s.route === '/b' || s.userId === 'u2'),
    );
  });

  it('finds a span by its hex trace, span and parent ids', async () => {
    const span = apiSpans()[5] as FixtureSpan;
    const traceHex = (BigInt(span.i + 1) << 100n).toString(16).padStart(32, '0');
    const { results } = await query({
      breakdowns: ['trace.trace_id', 'trace.span_id', 'trace.parent_id'],
      filters: [{ column: 'trace.trace_id', op: '=', value: traceHex }],
    });
    expect(results).toEqual([
      {
        data: {
          'trace.trace_id': traceHex,
          'trace.span_id': BigInt(span.i + 1)
            .toString(16)
            .padStart(16, '0'),
          'trace.parent_id': BigInt(span.i).toString(16).padStart(16, '0'),
          COUNT: 1,
        },
      },
    ]);
    expect(traceHex).toMatch(/^[0-9a-f]{32}$/);
  });

  it('names span kinds in lower case', async () => {
    const { results } = await query({
      breakdowns: ['span.kind'],
      orders: [{ column: 'span.kind' }],
    });
    expect(results.map((r) => r.data['span.kind'])).toEqual([
      'client',
      'consumer',
      'internal',
      'producer',
      'server',
      'unspecified',
    ]);
  });
});
