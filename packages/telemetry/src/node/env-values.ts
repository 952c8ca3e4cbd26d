import { z } from 'zod';
import { parseKeyValueList } from './key-value-list.js';

/**
 * The value shapes telemetry's environment variables share, for every signal's part of the
 * schema. The OTel spec treats an empty variable as unset; normalizing first keeps every rule
 * simple.
 */
export const optionalText = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().optional(),
);

export const url = optionalText.refine((value) => value === undefined || URL.canParse(value), {
  message: 'must be an absolute URL such as http://127.0.0.1:4318',
});

export function milliseconds(fallback: number, { allowZero }: { allowZero: boolean }) {
  return optionalText
    .refine((value) => value === undefined || /^\d+$/.test(value), {
      message: 'must be a whole number of milliseconds',
    })
    .transform((value) => (value === undefined ? fallback : Number(value)))
    .refine((value) => allowZero || value > 0, { message: 'must be greater than 0' });
}

/** A per-signal override: absent means "use the generic variable". */
export function optionalMilliseconds() {
  return optionalText
    .refine((value) => value === undefined || /^[1-9]\d*$/.test(value), {
      message: 'must be a positive whole number of milliseconds',
    })
    .transform((value) => (value === undefined ? undefined : Number(value)));
}

export function count(fallback: number) {
  return optionalText
    .refine((value) => value === undefined || /^[1-9]\d*$/.test(value), {
      message: 'must be a positive whole number',
    })
    .transform((value) => (value === undefined ? fallback : Number(value)));
}

/** `k1=v1,k2=v2`, as OTEL_RESOURCE_ATTRIBUTES and the OTLP header variables spell it. */
export const keyValueList = optionalText.transform((value, ctx) => {
  if (value === undefined) return {};
  const parsed = parseKeyValueList(value);
  if ('error' in parsed && typeof parsed.error === 'string') {
    ctx.addIssue({ code: 'custom', message: `must be a k1=v1,k2=v2 list: ${parsed.error}` });
    return z.NEVER;
  }
  return parsed as Record<string, string>;
});

/** A comma-separated, case-insensitive list of names from `allowed`; repeats count once. */
export const listOf = <T extends string>(allowed: readonly T[], fallback: T[]) =>
  optionalText.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const items = [...new Set(value.split(',').map((item) => item.trim().toLowerCase()))].filter(
      (item) => item !== '',
    );
    const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unsupported value(s) ${unknown.join(', ')}; supported: ${allowed.join(', ')}`,
      });
      return z.NEVER;
    }
    return items as T[];
  });
