import type { Attributes } from '../../model/attributes.js';
import type { SpanId, TraceId } from '../../model/ids.js';
import { SPAN_KINDS, type Span, type SpanEvent, type SpanLink } from '../../model/span.js';
import type { SpanGroup } from '../../model/telemetry-batch.js';
import type { UnixNanos } from '../../model/time.js';
import { warnDroppedAttributes } from './attribute-limits.js';
import { type DecodeContext, TRACE_NAMES } from './decode-context.js';
import { fitsUint64, isValidLinkId, optionalSpanId, spanRejectReason } from './item-validation.js';
import { attributesFromJson } from './json-any-value.js';
import { decodeExportRequestJson, type JsonRequestShape } from './json-export-request.js';
import { idFromJson } from './json-ids.js';
import {
  type OtlpExportTraceRequest,
  type OtlpJsonSpan,
  type OtlpJsonSpanEvent,
  type OtlpJsonSpanLink,
  otlpExportTraceRequestSchema,
} from './json-trace-schema.js';
import type { TraceDecodeResult } from './otlp-decode-result.js';
import { statusOf } from './span-status.js';

const TRACE_JSON_SHAPE: JsonRequestShape<OtlpExportTraceRequest, OtlpJsonSpan, Span, SpanGroup> = {
  names: TRACE_NAMES,
  schema: otlpExportTraceRequestSchema,
  resources: (request) =>
    (request.resourceSpans ?? []).map((level) => ({
      resource: level.resource,
      schemaUrl: level.schemaUrl,
      scopes: (level.scopeSpans ?? []).map((scope) => ({
        scope: scope.scope,
        schemaUrl: scope.schemaUrl,
        items: scope.spans ?? [],
      })),
    })),
  mapItem: spanFromJson,
  makeGroup: (origin, spans) => ({ origin, spans }),
};

/**
 * Decodes an OTLP/JSON `ExportTraceServiceRequest` (`application/json`). Invalid spans are
 * rejected one by one; a body that does not parse or match the schema throws `OtlpDecodeError`.
 */
export function decodeTraceRequestJson(body: Uint8Array | string): TraceDecodeResult {
  return decodeExportRequestJson(body, TRACE_JSON_SHAPE);
}

function spanFromJson(raw: OtlpJsonSpan, ctx: DecodeContext): Span | undefined {
  const traceId = idFromJson(raw.traceId, 16);
  const spanId = idFromJson(raw.spanId, 8);
  const parentSpanId = idFromJson(raw.parentSpanId, 8);
  const kind = raw.kind ?? 0;
  const start = raw.startTimeUnixNano ?? 0n;
  const end = raw.endTimeUnixNano ?? 0n;
  const reason =
    spanRejectReason(traceId, spanId, parentSpanId, kind, start, end) ??
    // Only JSON can carry out-of-range event times; protobuf's fixed64 always fits.
    (raw.events?.every((event) => fitsUint64(event.timeUnixNano ?? 0n)) === false
      ? 'timestamps must fit in uint64 nanoseconds'
      : undefined);
  if (reason !== undefined) {
    ctx.reject(reason);
    return undefined;
  }
  const attributes: Attributes = new Map();
  const overLimit = attributesFromJson(raw.attributes, ctx, attributes);
  warnDroppedAttributes(ctx, overLimit);
  const links: SpanLink[] = [];
  for (const link of raw.links ?? []) {
    const mapped = linkFromJson(link, ctx);
    if (mapped) links.push(mapped);
  }
  const invalidLinks = (raw.links?.length ?? 0) - links.length;
  return {
    traceId: traceId as TraceId,
    spanId: spanId as SpanId,
    parentSpanId: optionalSpanId(parentSpanId),
    traceState: raw.traceState ?? '',
    flags: raw.flags ?? 0,
    name: raw.name ?? '',
    kind: SPAN_KINDS[kind]!,
    startTimeUnixNano: start as UnixNanos,
    endTimeUnixNano: end as UnixNanos,
    attributes,
    droppedAttributesCount: (raw.droppedAttributesCount ?? 0) + overLimit,
    events: (raw.events ?? []).map((event) => eventFromJson(event, ctx)),
    droppedEventsCount: raw.droppedEventsCount ?? 0,
    links,
    droppedLinksCount: (raw.droppedLinksCount ?? 0) + invalidLinks,
    status: statusOf(raw.status?.code ?? 0, raw.status?.message ?? '', ctx),
  };
}

function eventFromJson(raw: OtlpJsonSpanEvent, ctx: DecodeContext): SpanEvent {
  const attributes: Attributes = new Map();
  const overLimit = attributesFromJson(raw.attributes, ctx, attributes);
  warnDroppedAttributes(ctx, overLimit);
  return {
    timeUnixNano: (raw.timeUnixNano ?? 0n) as UnixNanos,
    name: raw.name ?? '',
    attributes,
    droppedAttributesCount: (raw.droppedAttributesCount ?? 0) + overLimit,
  };
}

function linkFromJson(raw: OtlpJsonSpanLink, ctx: DecodeContext): SpanLink | undefined {
  const traceId = idFromJson(raw.traceId, 16);
  const spanId = idFromJson(raw.spanId, 8);
  if (!isValidLinkId(traceId, spanId)) {
    ctx.warn('links with a missing, malformed or all-zero id dropped');
    return undefined;
  }
  const attributes: Attributes = new Map();
  const overLimit = attributesFromJson(raw.attributes, ctx, attributes);
  warnDroppedAttributes(ctx, overLimit);
  return {
    traceId: traceId as TraceId,
    spanId: spanId as SpanId,
    traceState: raw.traceState ?? '',
    attributes,
    droppedAttributesCount: (raw.droppedAttributesCount ?? 0) + overLimit,
    flags: raw.flags ?? 0,
  };
}
