import type { ColumnType } from '../model/attributes.js';
import type { FilterScalar } from './query-spec.js';
import { QueryValidationError } from './query-validation-error.js';
import type { SqlParam } from './sql-params.js';

const INTEGER_TEXT = /^[+-]?\d+$/;

/**
 * Converts a filter value to the column's type, as Honeycomb does (`status_code = "200"` works):
 * integral values for integer columns bind as bigint (exact past 2^53), fractional ones as double
 * so `i > 1.5` keeps its meaning; text that is not a number for a numeric column is refused.
 */
export function coerceFilterValue(value: FilterScalar, type: ColumnType, field: string): SqlParam {
  switch (type) {
    case 'string':
      return String(value);
    case 'boolean':
      return toBoolean(value, field);
    case 'integer': {
      if (typeof value === 'string' && INTEGER_TEXT.test(value.trim())) return BigInt(value.trim());
      const number = toNumber(value, field, type);
      return Number.isSafeInteger(number) ? BigInt(number) : number;
    }
    case 'float':
      return toNumber(value, field, type);
  }
}

function toNumber(value: FilterScalar, field: string, type: ColumnType): number {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : Number.NaN;
  if (!Number.isFinite(number)) {
    throw new QueryValidationError(
      field,
      `${field}: ${JSON.stringify(value)} is not a number, and the column is ${type}`,
    );
  }
  return number;
}

function toBoolean(value: FilterScalar, field: string): boolean {
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw new QueryValidationError(
    field,
    `${field}: ${JSON.stringify(value)} is not a boolean, and the column is boolean`,
  );
}
