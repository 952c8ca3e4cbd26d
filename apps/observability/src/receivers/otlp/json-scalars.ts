import { z } from 'zod';

/**
 * Zod building blocks for OTLP/JSON: proto3 JSON plus OTLP's deviations, read leniently
 * (snake_case keys, enum names, int64 as string or number, `null` meaning "not set").
 */

/** proto3 JSON allows both spellings of a key; the lowerCamelCase one wins when both appear. */
function camelizeKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const key in record) {
    if (!key.includes('_')) continue;
    out ??= { ...record };
    const camel = key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
    if (!(camel in record)) out[camel] = record[key];
    delete out[key];
  }
  return out ?? value;
}

/** An OTLP message: camelCase or snake_case keys, unknown keys ignored. */
export function message<S extends z.ZodRawShape>(shape: S) {
  return z.preprocess(camelizeKeys, z.object(shape));
}

/** proto3 JSON writes `null` for "not set"; treat it like an absent key. */
export function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish();
}

const decimal = z.string().regex(/^[+-]?\d+$/, 'expected a decimal integer');
const integral = z.number().refine(Number.isInteger, 'expected an integer');

/**
 * 64-bit integers: decimal strings (proto3 JSON) or JSON numbers (what the JS exporter sends
 * for `intValue`). Kept unbounded here; callers decide what out of range means.
 */
export const bigInteger = z.union([decimal, integral]).transform((value) => BigInt(value));

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

export const int64 = bigInteger.refine(
  (value) => value >= INT64_MIN && value <= INT64_MAX,
  'int64 out of range',
);

/** uint32 counters and fixed32 flags. */
export const uint32 = z
  .union([integral, decimal.transform(Number)])
  .pipe(z.number().min(0, 'expected a uint32').max(0xffff_ffff, 'expected a uint32'));

const SPECIAL_DOUBLES: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};

/** Doubles: JSON numbers, the proto3 spellings of NaN and the infinities, or numeric strings. */
export const double = z.union([
  z.number(),
  z.string().transform((text, ctx) => {
    const special = SPECIAL_DOUBLES[text];
    if (special !== undefined) return special;
    const value = text.trim() === '' ? Number.NaN : Number(text);
    if (Number.isNaN(value)) {
      ctx.addIssue({ code: 'custom', message: 'expected a double' });
      return z.NEVER;
    }
    return value;
  }),
]);

/**
 * An enum: its number (normative), a decimal string, or its name (e.g. `SPAN_KIND_SERVER`, any
 * case). An unknown name becomes -1 so that item validation treats it as out of range.
 */
export function enumeration(names: readonly string[]) {
  return z.union([integral, z.string()]).transform((value) => {
    if (typeof value === 'number') return value;
    if (/^[+-]?\d+$/.test(value)) return Number(value);
    return names.indexOf(value.toUpperCase());
  });
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const DECIMAL = /^[+-]?\d+$/;

/** Parses an int64 the way `int64` does; undefined when invalid or out of range. */
export function parseInt64(value: unknown): bigint | undefined {
  let result: bigint;
  if (typeof value === 'string' && DECIMAL.test(value)) result = BigInt(value);
  else if (typeof value === 'number' && Number.isInteger(value)) result = BigInt(value);
  else return undefined;
  return result >= INT64_MIN && result <= INT64_MAX ? result : undefined;
}

/** Parses a double the way `double` does; undefined when invalid. */
export function parseDouble(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const special = SPECIAL_DOUBLES[value];
  if (special !== undefined) return special;
  const parsed = value.trim() === '' ? Number.NaN : Number(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** `bytes` other than ids: standard (or URL-safe) base64; undefined when invalid. */
export function parseBase64(value: unknown): Uint8Array | undefined {
  if (typeof value !== 'string' || !BASE64.test(value)) return undefined;
  return new Uint8Array(Buffer.from(value, 'base64'));
}
