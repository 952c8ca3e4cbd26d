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

/** Relative time ranges the picker offers, in seconds. */
export const TIME_PRESETS = [
  { label: 'Last 10 minutes', seconds: 600 },
  { label: 'Last 30 minutes', seconds: 1800 },
  { label: 'Last hour', seconds: 3600 },
  { label: 'Last 2 hours', seconds: 7200 },
  { label: 'Last 6 hours', seconds: 21_600 },
  { label: 'Last 24 hours', seconds: 86_400 },
  { label: 'Last 7 days', seconds: 604_800 },
] as const;
