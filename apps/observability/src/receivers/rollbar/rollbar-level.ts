import { ERROR_LEVELS, type ErrorLevel } from '../../model/error-occurrence.js';

const ALIASES: Record<string, ErrorLevel> = { warn: 'warning', fatal: 'critical' };

/**
 * The level of an occurrence: Rollbar's five, case-insensitive, plus the common `warn` and
 * `fatal`; without one, exceptions are errors and messages are info. Undefined: not a level.
 */
export function rollbarLevel(
  level: string | null | undefined,
  isMessage: boolean,
): ErrorLevel | undefined {
  if (level === null || level === undefined || level === '') return isMessage ? 'info' : 'error';
  const lower = level.toLowerCase();
  if ((ERROR_LEVELS as readonly string[]).includes(lower)) return lower as ErrorLevel;
  return ALIASES[lower];
}
