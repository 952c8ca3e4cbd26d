import { describe, expect, it } from 'vitest';
import { parseQuerySpec } from '../../../../src/query/query-spec.js';
import { FILTER_OPS } from './query-ops.js';
import { defaultQueryState, type QueryState, specToState, stateToSpec } from './query-state.js';
import { queryHref, searchToState, stateToSearch } from './query-url.js';

const rich: QueryState = {
  dataset: 'cruddur-backend',
  calculations: [
    { op: 'AVG', column: 'duration_ms' },
    { op: 'P99', column: 'duration_ms' },
    { op: 'COUNT' },
    { op: 'HEATMAP', column: 'duration_ms' },
  ],
  filters: FILTER_OPS.map((op, i) => ({
    column: `col.${i}`,
    op,
    value:
      op === 'exists' || op === 'does-not-exist'
        ? ''
        : op === 'in' || op === 'not-in'
          ? 'a, b, c'
          : `v${i}`,
  })),
  filterCombination: 'OR',
  breakdowns: ['app.userId', 'http.route'],
  orders: [
    { op: 'AVG', column: 'duration_ms', order: 'descending' },
    { column: 'app.userId', order: 'ascending' },
  ],
  havings: [
    { calculateOp: 'COUNT', op: '>', value: 3 },
    { calculateOp: 'P99', column: 'duration_ms', op: '<=', value: 250.5 },
  ],
  limit: 250,
  timeRange: { kind: 'absolute', startSec: 1_763_700_000, endSec: 1_763_703_600 },
  granularity: 60,
};

describe('query builder state ↔ URL ↔ query spec', () => {
  it('writes the state as a Honeycomb query spec the server validates', () => {
    const spec = stateToSpec(rich);
    expect(spec.calculations).toEqual([
      { op: 'AVG', column: 'duration_ms' },
      { op: 'P99', column: 'duration_ms' },
      { op: 'COUNT' },
      { op: 'HEATMAP', column: 'duration_ms' },
    ]);
    expect(spec.filters?.find((f) => f.op === 'in')).toEqual({
      column: 'col.14',
      op: 'in',
      value: ['a', 'b', 'c'],
    });
    expect(spec.filters?.find((f) => f.op === 'exists')).toEqual({
      column: 'col.12',
      op: 'exists',
    });
    expect(spec).toMatchObject({
      filter_combination: 'OR',
      breakdowns: ['app.userId', 'http.route'],
      orders: [
        { op: 'AVG', column: 'duration_ms', order: 'descending' },
        { column: 'app.userId', order: 'ascending' },
      ],
      havings: [
        { calculate_op: 'COUNT', op: '>', value: 3 },
        { calculate_op: 'P99', column: 'duration_ms', op: '<=', value: 250.5 },
      ],
      limit: 250,
      start_time: 1_763_700_000,
      end_time: 1_763_703_600,
      granularity: 60,
    });
    expect(spec).not.toHaveProperty('time_range');
    expect(() => parseQuerySpec(JSON.parse(JSON.stringify(spec)))).not.toThrow();
  });

  it('round-trips every clause through the URL unchanged', () => {
    const search = stateToSearch(rich);
    const params = new URLSearchParams(search);
    expect(params.get('dataset')).toBe('cruddur-backend');
    expect(JSON.parse(params.get('query')!)).toEqual(stateToSpec(rich));
    expect(searchToState(search)).toEqual(rich);
    expect(queryHref(rich)).toBe(`/query?${search}`);
  });

  it('keeps a relative range relative, and a minimal spec minimal', () => {
    const state = {
      ...defaultQueryState('__all__'),
      timeRange: { kind: 'relative', seconds: 600 },
    } as const;
    expect(stateToSpec(state)).toEqual({
      calculations: [{ op: 'COUNT' }],
      limit: 100,
      time_range: 600,
    });
    expect(searchToState(stateToSearch(state))).toEqual(state);
  });

  it('opens a hand-written spec, typed values and all, and writes back an equivalent one', () => {
    const handWritten = {
      calculations: [{ op: 'P95', column: 'duration_ms' }],
      filters: [
        { column: 'http.response.status_code', op: '>=', value: 500 },
        { column: 'error', op: '=', value: true },
        { column: 'app.userId', op: 'in', value: ['worf', 'ro'] },
        { column: 'db.system', op: 'exists', value: null },
      ],
      breakdowns: ['name'],
      time_range: 3600,
    };
    const state = specToState(handWritten, 'cruddur-backend');
    expect(state.filters).toEqual([
      { column: 'http.response.status_code', op: '>=', value: '500' },
      { column: 'error', op: '=', value: 'true' },
      { column: 'app.userId', op: 'in', value: 'worf, ro' },
      { column: 'db.system', op: 'exists', value: '' },
    ]);
    expect(stateToSpec(state)).toEqual({
      calculations: [{ op: 'P95', column: 'duration_ms' }],
      filters: [
        { column: 'http.response.status_code', op: '>=', value: '500' },
        { column: 'error', op: '=', value: 'true' },
        { column: 'app.userId', op: 'in', value: ['worf', 'ro'] },
        { column: 'db.system', op: 'exists' },
      ],
      breakdowns: ['name'],
      limit: 100,
      time_range: 3600,
    });
  });

  it('falls back to the default query for a URL it cannot read', () => {
    expect(searchToState('dataset=svc&query=%7Bnot-json')).toEqual(defaultQueryState('svc'));
    expect(
      searchToState('query=%7B%22calculations%22%3A%5B%7B%22op%22%3A%22NOPE%22%7D%5D%7D'),
    ).toEqual(defaultQueryState('__all__'));
    expect(searchToState('')).toEqual(defaultQueryState('__all__'));
  });
});
