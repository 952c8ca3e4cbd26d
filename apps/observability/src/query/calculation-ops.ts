import {
  type CalculationOp,
  PERCENTILES,
  type PercentileOp,
} from '../contract/query-vocabulary.js';

export {
  CALCULATION_OPS,
  type CalculationOp,
  calculationLabel,
  needsColumn,
  PERCENTILES,
  type PercentileOp,
} from '../contract/query-vocabulary.js';

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
