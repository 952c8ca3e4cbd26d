/**
 * The operators of Honeycomb's query specification as this server accepts them: the server
 * validates against these lists and the console's query builder offers exactly them. No imports,
 * so the browser bundle can take it as it is.
 */

/** Percentile ops and the fraction each one asks `quantile_cont` for. */
export const PERCENTILES = {
  P001: 0.001,
  P01: 0.01,
  P05: 0.05,
  P10: 0.1,
  P20: 0.2,
  P25: 0.25,
  P50: 0.5,
  P75: 0.75,
  P80: 0.8,
  P90: 0.9,
  P95: 0.95,
  P99: 0.99,
  P999: 0.999,
} as const;
export type PercentileOp = keyof typeof PERCENTILES;

export const CALCULATION_OPS = [
  'COUNT',
  'COUNT_DISTINCT',
  'SUM',
  'AVG',
  'MIN',
  'MAX',
  'HEATMAP',
  ...(Object.keys(PERCENTILES) as PercentileOp[]),
] as const;
export type CalculationOp = (typeof CALCULATION_OPS)[number];

export const FILTER_OPS = [
  '=',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  'starts-with',
  'does-not-start-with',
  'ends-with',
  'does-not-end-with',
  'contains',
  'does-not-contain',
  'exists',
  'does-not-exist',
  'in',
  'not-in',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export const HAVING_OPS = ['=', '!=', '>', '>=', '<', '<='] as const;
export type HavingOp = (typeof HAVING_OPS)[number];

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;
export const DEFAULT_TIME_RANGE_SECONDS = 7200;

/** Ops that cannot run without a column (COUNT alone can). */
export function needsColumn(op: CalculationOp): boolean {
  return op !== 'COUNT';
}

/**
 * Honeycomb's key for a calculation without a `name`: `COUNT`, `P99(duration_ms)`. An empty
 * column counts as none: the builder's blank field is sent without one.
 */
export function calculationLabel(op: CalculationOp, column: string | undefined): string {
  return column ? `${op}(${column})` : op;
}
