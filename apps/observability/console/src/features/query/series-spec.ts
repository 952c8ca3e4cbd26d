import type { ResultData } from '../../shared/api-schemas.js';
import { type QuerySpecJson, type QueryState, stateToSpec } from './query-state.js';

/** Lines drawn per chart when a query has more groups than that; the table still lists all. */
export const MAX_CHART_GROUPS = 10;

/**
 * The query that fetches the charts' time series once the table's rows are known. With few
 * groups it is the query itself; with many, the series of every group would cost seconds over
 * millions of spans and draw an unreadable tangle, so it asks only for the first
 * MAX_CHART_GROUPS rows' groups (the query's own order), by adding `in` filters on each
 * breakdown. That needs AND; with OR filters the query runs as it is, limited to those groups.
 */
export function seriesSpec(
  state: QueryState,
  rows: readonly ResultData[],
): { spec: QuerySpecJson; chartedGroups: number } {
  const spec = stateToSpec(state);
  if (rows.length <= MAX_CHART_GROUPS || state.breakdowns.length === 0) {
    return { spec, chartedGroups: rows.length };
  }
  const top = rows.slice(0, MAX_CHART_GROUPS);
  const limited = { ...spec, limit: MAX_CHART_GROUPS };
  if (state.filterCombination === 'OR' && state.filters.length > 0) {
    return { spec: limited, chartedGroups: MAX_CHART_GROUPS };
  }
  const inFilters: NonNullable<QuerySpecJson['filters']> = [];
  for (const column of state.breakdowns) {
    const values = [
      ...new Set(
        top
          .map((row) => row[column])
          .filter((v): v is string | number | boolean => v !== null && typeof v !== 'object')
          .map(String),
      ),
    ];
    // A group whose value is missing cannot be named by `in`; keep the query exact instead.
    if (values.length === 0 || top.some((row) => row[column] === null)) {
      return { spec: limited, chartedGroups: MAX_CHART_GROUPS };
    }
    inFilters.push({ column, op: 'in', value: values });
  }
  return {
    spec: { ...limited, filters: [...(spec.filters ?? []), ...inFilters] },
    chartedGroups: MAX_CHART_GROUPS,
  };
}
