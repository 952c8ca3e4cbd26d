import { describe, expect, it } from 'vitest';
import { drillQuery } from './drill-query.js';
import { defaultQueryState, type QueryState } from './query-state.js';
import { MAX_CHART_GROUPS, seriesSpec } from './series-spec.js';

const byUser: QueryState = {
  ...defaultQueryState('cruddur-backend'),
  calculations: [{ op: 'AVG', column: 'duration_ms' }],
  filters: [{ column: 'http.route', op: '=', value: '/api/activities/home' }],
  breakdowns: ['app.userId'],
  timeRange: { kind: 'relative', seconds: 3600 },
};

describe('drilling into the spans behind a point, a bucket or a row', () => {
  it('narrows an AND query to the clicked bucket and group, slowest spans first', () => {
    const { spec, keep } = drillQuery(byUser, {
      startSec: 1_763_700_000,
      endSec: 1_763_700_060,
      group: { 'app.userId': 'worf', 'AVG(duration_ms)': 12 },
    });
    expect(spec).toEqual({
      calculations: [{ op: 'MAX', column: 'duration_ms' }],
      breakdowns: ['trace.trace_id', 'trace.span_id', 'name', 'service.name'],
      orders: [{ op: 'MAX', column: 'duration_ms', order: 'descending' }],
      limit: 100,
      start_time: 1_763_700_000,
      end_time: 1_763_700_060,
      filters: [
        { column: 'http.route', op: '=', value: '/api/activities/home' },
        { column: 'trace.span_id', op: 'exists' },
        { column: 'app.userId', op: '=', value: 'worf' },
      ],
    });
    expect(keep({})).toBe(true);
  });

  it('names a missing group value with does-not-exist and a heatmap band with a range', () => {
    const { spec } = drillQuery(byUser, {
      group: { 'app.userId': null },
      valueRange: { column: 'duration_ms', lower: 10, upper: 20 },
    });
    expect(spec.time_range).toBe(3600);
    expect(spec.filters?.slice(2)).toEqual([
      { column: 'app.userId', op: 'does-not-exist' },
      { column: 'duration_ms', op: '>=', value: '10' },
      { column: 'duration_ms', op: '<=', value: '20' },
    ]);
  });

  it('keeps OR filters as they are and matches the selection on the returned rows', () => {
    const or: QueryState = {
      ...byUser,
      filters: [...byUser.filters, { column: 'error', op: '=', value: 'true' }],
      filterCombination: 'OR',
    };
    const { spec, keep } = drillQuery(or, { group: { 'app.userId': 'worf' } });
    expect(spec.filter_combination).toBe('OR');
    expect(spec.filters).toEqual(stateFilters(or));
    expect(spec.breakdowns).toContain('app.userId');
    expect(keep({ 'trace.span_id': 'ab', 'app.userId': 'worf' })).toBe(true);
    expect(keep({ 'trace.span_id': 'ab', 'app.userId': 'ro' })).toBe(false);
    expect(keep({ 'trace.span_id': null, 'app.userId': 'worf' })).toBe(false);
  });
});

describe('the charts’ series query', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ 'app.userId': `u${i}` }));

  it('is the query itself when it has few groups', () => {
    expect(seriesSpec(byUser, rows(3)).spec).toEqual({
      calculations: [{ op: 'AVG', column: 'duration_ms' }],
      filters: [{ column: 'http.route', op: '=', value: '/api/activities/home' }],
      breakdowns: ['app.userId'],
      limit: 100,
      time_range: 3600,
    });
  });

  it('asks only for the first groups of a long answer, by their breakdown values', () => {
    const { spec, chartedGroups } = seriesSpec(byUser, rows(40));
    expect(chartedGroups).toBe(MAX_CHART_GROUPS);
    expect(spec.limit).toBe(MAX_CHART_GROUPS);
    expect(spec.filters?.at(-1)).toEqual({
      column: 'app.userId',
      op: 'in',
      value: Array.from({ length: MAX_CHART_GROUPS }, (_, i) => `u${i}`),
    });
  });

  it('falls back to a plain limit when a top group has no value or filters are ORed', () => {
    const withNull = [{ 'app.userId': null }, ...rows(40)];
    expect(seriesSpec(byUser, withNull).spec.filters).toEqual(stateFilters(byUser));
    const or = { ...byUser, filterCombination: 'OR' as const };
    expect(seriesSpec(or, rows(40)).spec.filters).toEqual(stateFilters(or));
  });
});

function stateFilters(state: QueryState) {
  return state.filters.map((f) => ({ column: f.column, op: f.op, value: f.value }));
}
