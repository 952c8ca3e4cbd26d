import type { ResolvedColumn } from './column-resolver.js';
import { coerceFilterValue } from './filter-value.js';
import type { FilterScalar, QueryFilter } from './query-spec.js';
import { QueryValidationError } from './query-validation-error.js';
import type { SqlParams } from './sql-params.js';

const COMPARISONS = { '=': '=', '>': '>', '>=': '>=', '<': '<', '<=': '<=' } as const;
const STRING_FUNCTIONS = {
  'starts-with': 'starts_with',
  'ends-with': 'ends_with',
  contains: 'contains',
} as const;
const NEGATED_STRING_OPS = {
  'does-not-start-with': 'starts-with',
  'does-not-end-with': 'ends-with',
  'does-not-contain': 'contains',
} as const;

/**
 * One filter as a SQL predicate with its value bound as a parameter. Negative operators
 * (`!=`, `does-not-…`, `not-in`) also match events that lack the column, as "everything but"
 * reads, so an unknown column (all NULL) satisfies every negative filter and no positive one.
 * String operators on non-string columns compare the column's text form.
 */
export function filterSql(
  filter: QueryFilter,
  column: ResolvedColumn,
  index: number,
  params: SqlParams,
): string {
  const field = `filters[${index}].value`;
  const c = column.sql;
  const op = filter.op;
  if (op === 'exists') return `${c} IS NOT NULL`;
  if (op === 'does-not-exist') return `${c} IS NULL`;
  if (op === 'in' || op === 'not-in') {
    const values = filter.value;
    if (!Array.isArray(values) || values.length === 0) {
      throw new QueryValidationError(field, `${field}: ${op} needs a non-empty array of values`);
    }
    const list = values
      .map((value) => params.add(coerceFilterValue(value, column.type, field)))
      .join(', ');
    return op === 'in' ? `${c} IN (${list})` : `(${c} IS NULL OR ${c} NOT IN (${list}))`;
  }
  const value = singleValue(filter.value, op, field);
  if (op === '!=') {
    return `${c} IS DISTINCT FROM ${params.add(coerceFilterValue(value, column.type, field))}`;
  }
  if (op in COMPARISONS) {
    const sqlOp = COMPARISONS[op as keyof typeof COMPARISONS];
    return `${c} ${sqlOp} ${params.add(coerceFilterValue(value, column.type, field))}`;
  }
  const text = column.type === 'string' ? c : `CAST(${c} AS VARCHAR)`;
  const placeholder = params.add(String(value));
  if (op in STRING_FUNCTIONS) {
    return `${STRING_FUNCTIONS[op as keyof typeof STRING_FUNCTIONS]}(${text}, ${placeholder})`;
  }
  const positive = NEGATED_STRING_OPS[op as keyof typeof NEGATED_STRING_OPS];
  return `(${text} IS NULL OR NOT ${STRING_FUNCTIONS[positive]}(${text}, ${placeholder}))`;
}

function singleValue(
  value: QueryFilter['value'],
  op: QueryFilter['op'],
  field: string,
): FilterScalar {
  if (value === undefined || value === null) {
    throw new QueryValidationError(field, `${field}: filter op ${op} needs a value`);
  }
  if (Array.isArray(value)) {
    throw new QueryValidationError(
      field,
      `${field}: filter op ${op} takes one value; use in / not-in for a list`,
    );
  }
  return value;
}
