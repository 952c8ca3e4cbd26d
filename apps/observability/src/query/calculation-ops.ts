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

/** Honeycomb ops this engine knows but does not compute; named so the 400 says "not supported". */
export const UNSUPPORTED_OPS = [
  'CONCURRENCY',
  'RATE_AVG',
  'RATE_SUM',
  'RATE_MAX',
  'COUNT_DATAPOINTS',
  'HISTOGRAM_COUNT',
] as const;

export function isPercentileOp(op: CalculationOp): op is PercentileOp {
  return op in PERCENTILES;
}

/** Ops whose column must hold numbers: everything but the two counts. */
export function needsNumericColumn(op: CalculationOp): boolean {
  return op !== 'COUNT' && op !== 'COUNT_DISTINCT';
}

/** Ops that cannot run without a column (COUNT alone can). */
export function needsColumn(op: CalculationOp): boolean {
  return op !== 'COUNT';
}

/** Honeycomb's key for a calculation without a `name`: `COUNT`, `P99(duration_ms)`. */
export function calculationLabel(op: CalculationOp, column: string | undefined): string {
  return column === undefined ? op : `${op}(${column})`;
}
