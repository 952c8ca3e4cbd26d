import { z } from 'zod';
import type { Attributes, AttributeValue } from '../../model/attributes.js';
import { limitString, putAttribute, warnDroppedAttributes } from './attribute-limits.js';
import type { DecodeContext } from './decode-context.js';
import { message, optional, parseBase64, parseDouble, parseInt64 } from './json-scalars.js';
import { MAX_ANY_VALUE_DEPTH, MAX_STRING_VALUE_LENGTH } from './otlp-limits.js';

class AnyValueIssue extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message);
  }
}

function field(raw: Record<string, unknown>, camel: string, snake: string): unknown {
  const value = raw[camel];
  return value === undefined ? raw[snake] : value;
}

function entries(list: unknown, path: (string | number)[]): unknown[] {
  const values = list == null ? undefined : (list as Record<string, unknown>).values;
  if (values == null) return [];
  if (typeof list !== 'object' || !Array.isArray(values)) {
    throw new AnyValueIssue('expected {"values": [...]}', path);
  }
  return values;
}

/**
 * Validates and converts one OTLP/JSON AnyValue. Written by hand rather than as a recursive zod
 * schema so that nesting is bounded by MAX_ANY_VALUE_DEPTH before any deep recursion happens.
 * The first variant present wins; none is the empty value (`null`).
 */
function toAttributeValue(raw: unknown, depth: number, path: (string | number)[]): AttributeValue {
  if (raw == null) return null;
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new AnyValueIssue('expected an AnyValue object', path);
  if (depth > MAX_ANY_VALUE_DEPTH) {
    throw new AnyValueIssue(`AnyValue nested deeper than ${MAX_ANY_VALUE_DEPTH} levels`, path);
  }
  const value = raw as Record<string, unknown>;
  const text = field(value, 'stringValue', 'string_value');
  if (text != null) {
    if (typeof text !== 'string') throw new AnyValueIssue('stringValue must be a string', path);
    return text;
  }
  const bool = field(value, 'boolValue', 'bool_value');
  if (bool != null) {
    if (typeof bool !== 'boolean') throw new AnyValueIssue('boolValue must be a boolean', path);
    return bool;
  }
  const int = field(value, 'intValue', 'int_value');
  if (int != null) {
    const parsed = parseInt64(int);
    if (parsed === undefined) throw new AnyValueIssue('intValue must be an int64', path);
    return parsed;
  }
  const dbl = field(value, 'doubleValue', 'double_value');
  if (dbl != null) {
    const parsed = parseDouble(dbl);
    if (parsed === undefined) throw new AnyValueIssue('doubleValue must be a double', path);
    return parsed;
  }
  const array = field(value, 'arrayValue', 'array_value');
  if (array != null) {
    const items = entries(array, [...path, 'arrayValue']);
    return items.map((item, i) =>
      toAttributeValue(item, depth + 1, [...path, 'arrayValue', 'values', i]),
    );
  }
  const kvlist = field(value, 'kvlistValue', 'kvlist_value');
  if (kvlist != null) {
    const map: Attributes = new Map();
    entries(kvlist, [...path, 'kvlistValue']).forEach((entry, i) => {
      const where = [...path, 'kvlistValue', 'values', i];
      if (typeof entry !== 'object' || entry === null)
        throw new AnyValueIssue('expected a KeyValue', where);
      const key = (entry as Record<string, unknown>).key ?? '';
      if (typeof key !== 'string') throw new AnyValueIssue('key must be a string', where);
      map.set(
        key,
        toAttributeValue((entry as Record<string, unknown>).value, depth + 1, [...where, 'value']),
      );
    });
    return map;
  }
  const bytes = field(value, 'bytesValue', 'bytes_value');
  if (bytes != null) {
    const parsed = parseBase64(bytes);
    if (parsed === undefined) throw new AnyValueIssue('bytesValue must be base64', path);
    return parsed;
  }
  return null;
}

/** An AnyValue at the top of a KeyValue or a log body; converted, strings not yet limited. */
export const anyValueSchema = z.unknown().transform((raw, ctx): AttributeValue => {
  try {
    return toAttributeValue(raw, 1, []);
  } catch (error) {
    if (!(error instanceof AnyValueIssue)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message, path: error.path });
    return z.NEVER;
  }
});

const keyValueSchema = message({ key: optional(z.string()), value: anyValueSchema.optional() });
export type JsonKeyValue = z.infer<typeof keyValueSchema>;

/** `attributes` of a span, event, link, record, resource or scope. */
export const attributesSchema = optional(z.array(keyValueSchema));

/** Applies the string length limit at every depth of a converted value. */
export function limitStrings(value: AttributeValue, ctx: DecodeContext): AttributeValue {
  if (typeof value === 'string')
    return value.length > MAX_STRING_VALUE_LENGTH ? limitString(value, ctx) : value;
  if (Array.isArray(value)) return value.map((item) => limitStrings(item, ctx));
  if (value instanceof Map) {
    for (const [key, inner] of value) value.set(key, limitStrings(inner, ctx));
  }
  return value;
}

/** Converts an attribute list under the per-item limit; returns how many the limit dropped. */
export function attributesFromJson(
  list: readonly JsonKeyValue[] | null | undefined,
  ctx: DecodeContext,
  target: Attributes,
): number {
  let dropped = 0;
  for (const entry of list ?? []) {
    if (!putAttribute(target, entry.key ?? '', limitStrings(entry.value ?? null, ctx))) dropped++;
  }
  return dropped;
}

/** For resource and scope, which have no dropped counter in the model: warn right away. */
export function attributesFromJsonWarned(
  list: readonly JsonKeyValue[] | null | undefined,
  ctx: DecodeContext,
): Attributes {
  const attributes: Attributes = new Map();
  warnDroppedAttributes(ctx, attributesFromJson(list, ctx, attributes));
  return attributes;
}
