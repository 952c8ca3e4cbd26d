import type { Attributes } from '../../model/attributes.js';
import type { InstrumentationScope } from '../../model/resource-scope.js';
import { warnDroppedAttributes } from './attribute-limits.js';
import type { DecodeContext } from './decode-context.js';
import type { RawId } from './item-validation.js';
import { rethrowWithin } from './otlp-decode-error.js';
import { readKeyValueInto } from './proto-any-value.js';
import { RESOURCE, SCOPE, skipUnknownField } from './proto-fields.js';
import type { ProtoReader } from './proto-reader.js';

/**
 * Reads an id (bytes field) straight from the request with the reader's DataView, avoiding the
 * per-id view the model's `traceIdFromBytes` would allocate on this hot path.
 */
export function readId(r: ProtoReader, end: number, size: 8 | 16): RawId {
  const start = r.bytesRange(end);
  const length = r.pos - start;
  if (length === 0) return undefined;
  if (length !== size) return null;
  const view = r.view;
  if (size === 8) return view.getBigUint64(start);
  return (view.getBigUint64(start) << 64n) | view.getBigUint64(start + 8);
}

/** Reads one repeated `attributes` entry; returns false when the item's limit dropped it. */
export function readAttribute(
  r: ProtoReader,
  end: number,
  ctx: DecodeContext,
  target: Attributes,
  index: number,
): boolean {
  const stop = r.delimited(end);
  try {
    return readKeyValueInto(r, stop, 1, ctx, target, true);
  } catch (error) {
    return rethrowWithin(error, `attributes[${index}]`);
  }
}

export function readResource(r: ProtoReader, end: number, ctx: DecodeContext): Attributes {
  const attributes: Attributes = new Map();
  let index = 0;
  let dropped = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === RESOURCE.tag.attributes) {
      if (!readAttribute(r, end, ctx, attributes, index++)) dropped++;
    } else skipUnknownField(r, tag, end, RESOURCE);
  }
  r.expectEnd(end);
  warnDroppedAttributes(ctx, dropped);
  return attributes;
}

export function readScope(r: ProtoReader, end: number, ctx: DecodeContext): InstrumentationScope {
  let name = '';
  let version = '';
  const attributes: Attributes = new Map();
  let index = 0;
  let dropped = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case SCOPE.tag.name:
        name = r.string(end);
        break;
      case SCOPE.tag.version:
        version = r.string(end);
        break;
      case SCOPE.tag.attributes:
        if (!readAttribute(r, end, ctx, attributes, index++)) dropped++;
        break;
      default:
        skipUnknownField(r, tag, end, SCOPE);
    }
  }
  r.expectEnd(end);
  warnDroppedAttributes(ctx, dropped);
  return { name, version, attributes };
}

/** The scope's schema_url wins; the resource's applies to scopes that have none. */
export function schemaUrlOf(scopeSchemaUrl: string, resourceSchemaUrl: string): string {
  return scopeSchemaUrl !== '' ? scopeSchemaUrl : resourceSchemaUrl;
}

/** What a scope-level message without `scope` stands for. */
export function emptyScope(): InstrumentationScope {
  return { name: '', version: '', attributes: new Map() };
}
