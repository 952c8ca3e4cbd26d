import type { ResultData } from '../../shared/api-schemas.js';
import { type QuerySpecJson, type QueryState, stateToSpec } from './query-state.js';

/** What was clicked: a time bucket, a group (line or table row), a heatmap value band. */
export interface DrillSelection {
  readonly startSec?: number;
  readonly endSec?: number;
  readonly group?: ResultData;
  readonly valueRange?: { readonly column: string; readonly lower: number; readonly upper: number };
}

const SPAN_KEYS = ['trace.trace_id', 'trace.span_id', 'name', 'service.name'] as const;
const DRILL_LIMIT = 100;
const DRILL_LIMIT_OR = 1000;

export interface DrillQuery {
  readonly spec: QuerySpecJson;
  /** Rows the server cannot narrow for us (OR filters cannot be ANDed with the selection). */
  readonly keep: (row: ResultData) => boolean;
}

/**
 * The spans behind a point, bucket or row: the same query narrowed to the selection, broken
 * down by trace and span id, slowest first. With AND filters the selection becomes more filters;
 * with OR it cannot (the spec has one combination), so the breakdowns come back and rows are
 * matched here instead.
 */
export function drillQuery(state: QueryState, selection: DrillSelection): DrillQuery {
  const base = stateToSpec(state);
  const time =
    selection.startSec !== undefined && selection.endSec !== undefined
      ? { start_time: Math.floor(selection.startSec), end_time: Math.ceil(selection.endSec) }
      : base.time_range !== undefined
        ? { time_range: base.time_range }
        : { start_time: base.start_time, end_time: base.end_time };
  const group = selection.group ?? {};
  const selectionFilters: NonNullable<QuerySpecJson['filters']> = [
    { column: 'trace.span_id', op: 'exists' },
  ];
  for (const column of state.breakdowns) {
    const value = group[column];
    if (value === undefined || (typeof value === 'object' && value !== null)) continue;
    selectionFilters.push(
      value === null ? { column, op: 'does-not-exist' } : { column, op: '=', value: String(value) },
    );
  }
  const range = selection.valueRange;
  if (range) {
    selectionFilters.push({ column: range.column, op: '>=', value: String(range.lower) });
    selectionFilters.push({ column: range.column, op: '<=', value: String(range.upper) });
  }
  const or = state.filterCombination === 'OR' && state.filters.length > 0;
  const breakdowns = or
    ? [...new Set([...SPAN_KEYS, ...state.breakdowns, ...(range ? [range.column] : [])])]
    : [...SPAN_KEYS];
  const spec: QuerySpecJson = {
    calculations: [{ op: 'MAX', column: 'duration_ms' }],
    breakdowns,
    orders: [{ op: 'MAX', column: 'duration_ms', order: 'descending' }],
    limit: or ? DRILL_LIMIT_OR : DRILL_LIMIT,
    ...time,
  };
  if (or) {
    spec.filters = base.filters;
    spec.filter_combination = 'OR';
  } else {
    spec.filters = [...(base.filters ?? []), ...selectionFilters];
  }
  const keep = (row: ResultData): boolean => {
    if (!or) return true;
    if (row['trace.span_id'] === null || row['trace.span_id'] === undefined) return false;
    for (const f of selectionFilters) {
      const v = row[f.column];
      if (f.op === '=' && String(v) !== f.value) return false;
      if (f.op === 'does-not-exist' && v !== null && v !== undefined) return false;
      if (f.op === '>=' && !(Number(v) >= Number(f.value))) return false;
      if (f.op === '<=' && !(Number(v) <= Number(f.value))) return false;
    }
    return true;
  };
  return { spec, keep };
}
