import type { z } from 'zod';
import type { Attributes } from '../../model/attributes.js';
import type { InstrumentationScope, ResourceScope } from '../../model/resource-scope.js';
import { DecodeContext, type SignalNames } from './decode-context.js';
import { attributesFromJsonWarned } from './json-any-value.js';
import type { JsonResource, JsonScope } from './json-common-schemas.js';
import { OtlpDecodeError } from './otlp-decode-error.js';
import type { OtlpDecodeResult } from './otlp-decode-result.js';

const MAX_PATH_LENGTH = 200;

/** One resource-level entry after schema validation, with keys already in camelCase. */
export interface JsonResourceLevel<ScopeLevel> {
  readonly resource?: JsonResource;
  readonly schemaUrl?: string | null | undefined;
  readonly scopes: readonly ScopeLevel[];
}

export interface JsonScopeLevel<RawItem> {
  readonly scope?: JsonScope;
  readonly schemaUrl?: string | null | undefined;
  readonly items: readonly RawItem[];
}

/** How one signal's JSON request nests; see the protobuf counterpart `ExportRequestShape`. */
export interface JsonRequestShape<Request, RawItem, Item, Group> {
  readonly names: SignalNames;
  readonly schema: z.ZodType<Request, unknown>;
  readonly resources: (request: Request) => readonly JsonResourceLevel<JsonScopeLevel<RawItem>>[];
  readonly mapItem: (raw: RawItem, ctx: DecodeContext) => Item | undefined;
  readonly makeGroup: (origin: ResourceScope, items: Item[]) => Group;
}

/**
 * Decodes an OTLP/JSON export request (`application/json`). The body must parse and match the
 * schema as a whole (else OtlpDecodeError); items are then validated one by one.
 */
export function decodeExportRequestJson<Request, RawItem, Item, Group>(
  body: Uint8Array | string,
  shape: JsonRequestShape<Request, RawItem, Item, Group>,
): OtlpDecodeResult<Group> {
  const request = parseRequest(body, shape.schema);
  const ctx = new DecodeContext(shape.names);
  const groups: Group[] = [];
  shape.resources(request).forEach((level, resourceIndex) => {
    ctx.enterResource(resourceIndex);
    const resource: Attributes = attributesFromJsonWarned(level.resource?.attributes, ctx);
    level.scopes.forEach((scopeLevel, scopeIndex) => {
      ctx.enterScope(scopeIndex);
      const scope: InstrumentationScope = {
        name: scopeLevel.scope?.name ?? '',
        version: scopeLevel.scope?.version ?? '',
        attributes: attributesFromJsonWarned(scopeLevel.scope?.attributes, ctx),
      };
      const items: Item[] = [];
      scopeLevel.items.forEach((raw, itemIndex) => {
        ctx.enterItem(itemIndex);
        const item = shape.mapItem(raw, ctx);
        if (item !== undefined) items.push(item);
      });
      if (items.length === 0) return;
      const schemaUrl = scopeLevel.schemaUrl || level.schemaUrl || '';
      groups.push(shape.makeGroup({ resource, scope, schemaUrl }, items));
    });
  });
  return { groups, rejected: ctx.rejected, warnings: ctx.summaries() };
}

function parseRequest<Request>(
  body: Uint8Array | string,
  schema: z.ZodType<Request, unknown>,
): Request {
  let json: unknown;
  try {
    const text =
      typeof body === 'string'
        ? body
        : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
    json = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw new OtlpDecodeError(`body is not valid JSON: ${(error as Error).message}`);
  }
  let result: z.ZodSafeParseResult<Request>;
  try {
    result = schema.safeParse(json);
  } catch (error) {
    // Validation is bounded in depth, but stay a 400 even if some engine runs out of stack.
    if (error instanceof RangeError) throw new OtlpDecodeError('body is nested too deeply');
    throw error;
  }
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).reduce<string>(
    (out, key) =>
      typeof key === 'number'
        ? `${out}[${key}]`
        : out === ''
          ? String(key)
          : `${out}.${String(key)}`,
    '',
  );
  const where = path.length > MAX_PATH_LENGTH ? `${path.slice(0, 80)}…${path.slice(-80)}` : path;
  const more =
    result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
  throw new OtlpDecodeError(
    `${where === '' ? 'body' : where}: ${issue?.message ?? 'invalid'}${more}`,
  );
}
