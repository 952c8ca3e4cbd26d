import type { Attributes } from '../../model/attributes.js';
import type { InstrumentationScope, ResourceScope } from '../../model/resource-scope.js';
import { DecodeContext, type SignalNames } from './decode-context.js';
import { rethrowWithin } from './otlp-decode-error.js';
import type { OtlpDecodeResult } from './otlp-decode-result.js';
import { emptyScope, readResource, readScope, schemaUrlOf } from './proto-common.js';
import { type MessageSpec, skipUnknownField } from './proto-fields.js';
import { ProtoReader } from './proto-reader.js';

type AnySpec = MessageSpec<Readonly<Record<string, readonly [number, number]>>>;

/**
 * How one signal's request nests. Traces and logs share the shape
 * `request{1: resource_x[]} → resource_x{1: resource, 2: scope_x[], 3: schema_url}
 * → scope_x{1: scope, 2: items[], 3: schema_url}`, so one walker serves both.
 */
export interface ExportRequestShape<Item, Group> {
  readonly names: SignalNames;
  readonly request: AnySpec;
  readonly resourceLevel: AnySpec;
  readonly scopeLevel: AnySpec;
  /** Reads one item; undefined when validation rejected it (already counted in ctx). */
  readonly readItem: (r: ProtoReader, end: number, ctx: DecodeContext) => Item | undefined;
  readonly makeGroup: (origin: ResourceScope, items: Item[]) => Group;
}

interface ScopeDraft<Item> {
  readonly scope: InstrumentationScope;
  readonly items: Item[];
  readonly schemaUrl: string;
}

// Both levels number their fields alike: 1 = resource/scope, 2 = children, 3 = schema_url.
const FIELD_HEAD = (1 << 3) | 2;
const FIELD_CHILDREN = (2 << 3) | 2;
const FIELD_SCHEMA_URL = (3 << 3) | 2;

/** Decodes a whole protobuf export request; throws OtlpDecodeError when the body is malformed. */
export function decodeExportRequestProto<Item, Group>(
  body: Uint8Array,
  shape: ExportRequestShape<Item, Group>,
): OtlpDecodeResult<Group> {
  const r = new ProtoReader(body);
  const ctx = new DecodeContext(shape.names);
  const groups: Group[] = [];
  const end = body.length;
  let index = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === FIELD_HEAD) {
      const stop = r.delimited(end);
      ctx.enterResource(index);
      try {
        readResourceLevel(r, stop, ctx, shape, groups);
      } catch (error) {
        rethrowWithin(error, `${shape.names.resources}[${index}]`);
      }
      index++;
    } else skipUnknownField(r, tag, end, shape.request);
  }
  return { groups, rejected: ctx.rejected, warnings: ctx.summaries() };
}

function readResourceLevel<Item, Group>(
  r: ProtoReader,
  end: number,
  ctx: DecodeContext,
  shape: ExportRequestShape<Item, Group>,
  groups: Group[],
): void {
  let resource: Attributes | undefined;
  let schemaUrl = '';
  const scopes: ScopeDraft<Item>[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case FIELD_HEAD: {
        const stop = r.delimited(end);
        ctx.enterScope(-1);
        try {
          resource = readResource(r, stop, ctx);
        } catch (error) {
          rethrowWithin(error, 'resource');
        }
        break;
      }
      case FIELD_CHILDREN: {
        const stop = r.delimited(end);
        const index = scopes.length;
        ctx.enterScope(index);
        try {
          scopes.push(readScopeLevel(r, stop, ctx, shape));
        } catch (error) {
          rethrowWithin(error, `${shape.names.scopes}[${index}]`);
        }
        break;
      }
      case FIELD_SCHEMA_URL:
        schemaUrl = r.string(end);
        break;
      default:
        skipUnknownField(r, tag, end, shape.resourceLevel);
    }
  }
  r.expectEnd(end);
  const attributes = resource ?? new Map();
  for (const draft of scopes) {
    if (draft.items.length === 0) continue;
    const origin = {
      resource: attributes,
      scope: draft.scope,
      schemaUrl: schemaUrlOf(draft.schemaUrl, schemaUrl),
    };
    groups.push(shape.makeGroup(origin, draft.items));
  }
}

function readScopeLevel<Item, Group>(
  r: ProtoReader,
  end: number,
  ctx: DecodeContext,
  shape: ExportRequestShape<Item, Group>,
): ScopeDraft<Item> {
  let scope: InstrumentationScope | undefined;
  let schemaUrl = '';
  const items: Item[] = [];
  let index = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case FIELD_HEAD: {
        const stop = r.delimited(end);
        ctx.leaveItems();
        try {
          scope = readScope(r, stop, ctx);
        } catch (error) {
          rethrowWithin(error, 'scope');
        }
        break;
      }
      case FIELD_CHILDREN: {
        const stop = r.delimited(end);
        ctx.enterItem(index);
        try {
          const item = shape.readItem(r, stop, ctx);
          if (item !== undefined) items.push(item);
        } catch (error) {
          rethrowWithin(error, `${shape.names.items}[${index}]`);
        }
        index++;
        break;
      }
      case FIELD_SCHEMA_URL:
        schemaUrl = r.string(end);
        break;
      default:
        skipUnknownField(r, tag, end, shape.scopeLevel);
    }
  }
  r.expectEnd(end);
  return { scope: scope ?? emptyScope(), items, schemaUrl };
}
