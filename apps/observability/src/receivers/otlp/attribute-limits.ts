import type { Attributes, AttributeValue } from '../../model/attributes.js';
import type { DecodeContext } from './decode-context.js';
import { OtlpDecodeError } from './otlp-decode-error.js';
import {
  MAX_ANY_VALUE_DEPTH,
  MAX_ATTRIBUTES_PER_ITEM,
  MAX_STRING_VALUE_LENGTH,
} from './otlp-limits.js';

/** Applies MAX_STRING_VALUE_LENGTH, without splitting a surrogate pair. */
export function limitString(value: string, ctx: DecodeContext): string {
  if (value.length <= MAX_STRING_VALUE_LENGTH) return value;
  ctx.warn(`string values truncated to ${MAX_STRING_VALUE_LENGTH} characters`);
  const lastKept = value.charCodeAt(MAX_STRING_VALUE_LENGTH - 1);
  const cut =
    lastKept >= 0xd800 && lastKept <= 0xdbff
      ? MAX_STRING_VALUE_LENGTH - 1
      : MAX_STRING_VALUE_LENGTH;
  return value.slice(0, cut);
}

/**
 * Sets one attribute unless the item already holds MAX_ATTRIBUTES_PER_ITEM distinct keys;
 * returns false when it was dropped. A repeated key overwrites (last one wins) and is never
 * dropped, since it does not grow the item.
 */
export function putAttribute(target: Attributes, key: string, value: AttributeValue): boolean {
  if (target.size >= MAX_ATTRIBUTES_PER_ITEM && !target.has(key)) return false;
  target.set(key, value);
  return true;
}

/** Reports attributes dropped by `putAttribute` for one item. */
export function warnDroppedAttributes(ctx: DecodeContext, count: number): void {
  if (count > 0) {
    ctx.warn(`attributes beyond ${MAX_ATTRIBUTES_PER_ITEM} per item dropped`, count);
  }
}

/** Throws when an AnyValue at `depth` (an attribute value is depth 1) nests too deeply. */
export function checkDepth(depth: number): void {
  if (depth > MAX_ANY_VALUE_DEPTH) {
    throw new OtlpDecodeError(`AnyValue nested deeper than ${MAX_ANY_VALUE_DEPTH} levels`);
  }
}
