import { describe, expect, it } from 'vitest';
import { unixNanos } from '../model/time.js';
import { createCatalogResolver } from './catalog-resolver.js';
import { compileQuery } from './compile-query.js';
import { parseQuerySpec } from './query-spec.js';
import { TEST_CATALOG } from './query-test-db.testing.js';
import { QueryValidationError } from './query-validation-error.js';

const NOW = unixNanos(1_700_000_000_000_000_000n);

function errorOf(spec: unknown): QueryValidationError {
  try {
    compileQuery(parseQuerySpec(spec), {
      datasets: ['api'],
      resolver: createCatalogResolver(TEST_CATALOG),
      now: NOW,
    });
  } catch (error) {
    if (error instanceof QueryValidationError) return error;
    throw error;
  }
  throw new Error('expected a QueryValidationError');
}

const CASES: [string, unknown, string, RegExp?][] = [
  [
    'an unknown calculation op',
    { calculations: [{ op: 'MEDIAN', column: 'duration_ms' }] },
    'calculations[0].op',
    /unknown op "MEDIAN"/,
  ],
  [
    'an op this server does not compute',
    { calculations: [{ op: 'CONCURRENCY' }] },
    'calculations[0].op',
    /not supported/,
  ],
  [
    'an unknown filter op',
    { filters: [{ column: 'name', op: 'like', value: 'x' }] },
    'filters[0].op',
  ],
  ['a limit of zero', { limit: 0 }, 'limit'],
  ['a limit above 10000', { limit: 10_001 }, 'limit'],
  ['a negative time_range', { time_range: -5 }, 'time_range'],
  ['an unknown order direction', { orders: [{ op: 'COUNT', order: 'up' }] }, 'orders[0].order'],
  [
    'a having value that is not a number',
    { havings: [{ calculate_op: 'COUNT', op: '>', value: 'x' }] },
    'havings[0].value',
  ],
  [
    'calculated fields',
    { calculated_fields: [{ name: 'x', expression: '1' }] },
    'calculated_fields',
    /not supported/,
  ],
  [
    'AVG of a string column',
    { calculations: [{ op: 'AVG', column: 'http.route' }] },
    'calculations[0].column',
    /numeric/,
  ],
  [
    'P99 of an unknown column',
    { calculations: [{ op: 'P99', column: 'nope' }] },
    'calculations[0].column',
    /unknown column nope/,
  ],
  [
    'SUM without a column',
    { calculations: [{ op: 'SUM' }] },
    'calculations[0].column',
    /needs a column/,
  ],
  [
    'HEATMAP of a boolean column',
    { calculations: [{ op: 'COUNT' }, { op: 'HEATMAP', column: 'error' }] },
    'calculations[1].column',
  ],
  [
    'MIN of a type-conflicted string column',
    { calculations: [{ op: 'MIN', column: 'mixed.any' }] },
    'calculations[0].column',
  ],
  [
    'two calculations with one label',
    { calculations: [{ op: 'COUNT' }, { op: 'COUNT' }] },
    'calculations[1]',
  ],
  [
    'a calculation named like a breakdown',
    { breakdowns: ['name'], calculations: [{ op: 'COUNT', name: 'name' }] },
    'calculations[0].name',
  ],
  ['a repeated breakdown', { breakdowns: ['name', 'name'] }, 'breakdowns[1]'],
  [
    'a text value for a float column',
    { filters: [{ column: 'duration_ms', op: '>', value: 'abc' }] },
    'filters[0].value',
    /not a number/,
  ],
  [
    'a non-boolean value for a boolean column',
    { filters: [{ column: 'error', op: '=', value: 'maybe' }] },
    'filters[0].value',
  ],
  [
    'in without an array',
    {
      filters: [
        { column: 'name', op: 'exists' },
        { column: 'name', op: 'in', value: 'GET' },
      ],
    },
    'filters[1].value',
    /array/,
  ],
  [
    'in with an empty array',
    { filters: [{ column: 'name', op: 'in', value: [] }] },
    'filters[0].value',
  ],
  ['= with an array', { filters: [{ column: 'name', op: '=', value: ['a'] }] }, 'filters[0].value'],
  [
    '= without a value',
    { filters: [{ column: 'name', op: '=' }] },
    'filters[0].value',
    /needs a value/,
  ],
  [
    'in with a bad element for an integer column',
    { filters: [{ column: 'status_code', op: 'in', value: [1, 'x'] }] },
    'filters[0].value',
  ],
  [
    'an order by a calculation not asked for',
    { orders: [{ op: 'AVG', column: 'duration_ms' }] },
    'orders[0]',
    /not one of the calculations/,
  ],
  [
    'an order by a column that is not a breakdown',
    { breakdowns: ['name'], orders: [{ column: 'http.route' }] },
    'orders[0]',
  ],
  ['an order with neither op nor column', { orders: [{ order: 'descending' }] }, 'orders[0]'],
  [
    'an order by a heatmap',
    {
      calculations: [{ op: 'HEATMAP', column: 'duration_ms' }],
      orders: [{ op: 'HEATMAP', column: 'duration_ms' }],
    },
    'orders[0].op',
  ],
  [
    'a having on a calculation not asked for',
    { havings: [{ calculate_op: 'MAX', column: 'duration_ms', op: '>', value: 1 }] },
    'havings[0]',
  ],
  [
    'a having on a heatmap',
    {
      calculations: [{ op: 'HEATMAP', column: 'duration_ms' }],
      havings: [{ calculate_op: 'HEATMAP', column: 'duration_ms', op: '>', value: 1 }],
    },
    'havings[0].calculate_op',
  ],
  [
    'start, end and time_range together',
    { start_time: 1, end_time: 100, time_range: 99 },
    'time_range',
  ],
  ['an end before the start', { start_time: 100, end_time: 100 }, 'end_time'],
  ['a granularity above the range', { time_range: 60, granularity: 61 }, 'granularity'],
  ['a granularity below range / 1000', { time_range: 86_400, granularity: 60 }, 'granularity'],
];

describe('query validation', () => {
  it.each(CASES)('rejects %s at its field', (_name, spec, field, message) => {
    const error = errorOf(spec);
    expect(error.field).toBe(field);
    if (message !== undefined) expect(error.message).toMatch(message);
  });

  it('rejects a spec that is not an object', () => {
    expect(() => parseQuerySpec([])).toThrow(QueryValidationError);
  });

  it('ignores unknown extra fields such as an echoed id', () => {
    expect(parseQuerySpec({ id: 'abc', breakdowns: ['name'] })).not.toHaveProperty('id');
  });

  it('fills Honeycomb defaults', () => {
    const spec = parseQuerySpec({});
    expect(spec).toMatchObject({
      limit: 100,
      filter_combination: 'AND',
      filters: [],
      breakdowns: [],
    });
  });
});
