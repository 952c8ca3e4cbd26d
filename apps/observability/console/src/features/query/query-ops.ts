import type { FilterOp } from '../../../../src/contract/query-vocabulary.js';

/** The query API's operators come from the server's own lists; the builder adds only layout. */
export {
  CALCULATION_OPS,
  type CalculationOp,
  calculationLabel,
  FILTER_OPS,
  type FilterOp,
  HAVING_OPS,
  type HavingOp,
  needsColumn,
} from '../../../../src/contract/query-vocabulary.js';

export function filterTakesValue(op: FilterOp): boolean {
  return op !== 'exists' && op !== 'does-not-exist';
}

export function filterTakesList(op: FilterOp): boolean {
  return op === 'in' || op === 'not-in';
}
