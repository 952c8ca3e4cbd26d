import type { Attributes, AttributeValue } from '../../model/attributes.js';
import { checkDepth, limitString, putAttribute } from './attribute-limits.js';
import type { DecodeContext } from './decode-context.js';
import { MAX_STRING_VALUE_LENGTH } from './otlp-limits.js';
import { ANY_VALUE, KEY_VALUE, skipUnknownField, VALUE_LIST } from './proto-fields.js';
import type { ProtoReader } from './proto-reader.js';

/** Reads an AnyValue message occupying the bytes up to `end`; an empty message is `null`. */
export function readAnyValue(
  r: ProtoReader,
  end: number,
  depth: number,
  ctx: DecodeContext,
): AttributeValue {
  checkDepth(depth);
  let value: AttributeValue = null;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case ANY_VALUE.tag.string_value:
        value = limitString(r.stringAtMost(end, MAX_STRING_VALUE_LENGTH), ctx);
        break;
      case ANY_VALUE.tag.bool_value:
        value = r.bool();
        break;
      case ANY_VALUE.tag.int_value:
        value = r.int64();
        break;
      case ANY_VALUE.tag.double_value:
        value = r.double();
        break;
      case ANY_VALUE.tag.array_value: {
        const stop = r.delimited(end);
        value = readArrayValue(r, stop, depth + 1, ctx);
        break;
      }
      case ANY_VALUE.tag.kvlist_value: {
        const stop = r.delimited(end);
        value = readKeyValueList(r, stop, depth + 1, ctx);
        break;
      }
      case ANY_VALUE.tag.bytes_value: {
        const start = r.bytesRange(end);
        // A plain copy (not a Buffer, not a view), so that a stored value does not pin the
        // whole request body in memory.
        const copy = new Uint8Array(r.pos - start);
        copy.set(r.bytes.subarray(start, r.pos));
        value = copy;
        break;
      }
      default:
        skipUnknownField(r, tag, end, ANY_VALUE);
    }
  }
  r.expectEnd(end);
  return value;
}

function readArrayValue(
  r: ProtoReader,
  end: number,
  depth: number,
  ctx: DecodeContext,
): AttributeValue[] {
  const values: AttributeValue[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === VALUE_LIST.tag.values) {
      const stop = r.delimited(end);
      values.push(readAnyValue(r, stop, depth, ctx));
    } else skipUnknownField(r, tag, end, VALUE_LIST);
  }
  r.expectEnd(end);
  return values;
}

function readKeyValueList(
  r: ProtoReader,
  end: number,
  depth: number,
  ctx: DecodeContext,
): Attributes {
  const map: Attributes = new Map();
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === VALUE_LIST.tag.values) {
      const stop = r.delimited(end);
      readKeyValueInto(r, stop, depth, ctx, map, false);
    } else skipUnknownField(r, tag, end, VALUE_LIST);
  }
  r.expectEnd(end);
  return map;
}

/**
 * Reads one KeyValue into `target`. With `limited`, the per-item attribute limit applies and
 * false means the attribute was dropped; nested kvlists are bounded by the body size alone.
 */
export function readKeyValueInto(
  r: ProtoReader,
  end: number,
  depth: number,
  ctx: DecodeContext,
  target: Attributes,
  limited: boolean,
): boolean {
  let key = '';
  let value: AttributeValue = null;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === KEY_VALUE.tag.key) key = r.string(end);
    else if (tag === KEY_VALUE.tag.value) {
      const stop = r.delimited(end);
      value = readAnyValue(r, stop, depth, ctx);
    } else skipUnknownField(r, tag, end, KEY_VALUE);
  }
  r.expectEnd(end);
  if (limited) return putAttribute(target, key, value);
  target.set(key, value);
  return true;
}
