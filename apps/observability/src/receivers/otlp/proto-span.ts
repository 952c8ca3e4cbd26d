import type { Attributes } from '../../model/attributes.js';
import type { SpanId, TraceId } from '../../model/ids.js';
import { SPAN_KINDS, type Span, type SpanEvent, type SpanLink } from '../../model/span.js';
import type { UnixNanos } from '../../model/time.js';
import { warnDroppedAttributes } from './attribute-limits.js';
import type { DecodeContext } from './decode-context.js';
import { isValidLinkId, optionalSpanId, type RawId, spanRejectReason } from './item-validation.js';
import { rethrowWithin } from './otlp-decode-error.js';
import { readAttribute, readId } from './proto-common.js';
import { SPAN, SPAN_EVENT, SPAN_LINK, STATUS, skipUnknownField } from './proto-fields.js';
import type { ProtoReader } from './proto-reader.js';
import { statusOf, UNSET_STATUS } from './span-status.js';

const NO_EVENTS: readonly SpanEvent[] = Object.freeze([]);
const NO_LINKS: readonly SpanLink[] = Object.freeze([]);

/** Reads one Span message; undefined when validation rejected it (counted in ctx). */
export function readSpan(r: ProtoReader, end: number, ctx: DecodeContext): Span | undefined {
  let traceId: RawId;
  let spanId: RawId;
  let parentSpanId: RawId;
  let traceState = '';
  let flags = 0;
  let name = '';
  let kind = 0;
  let start = 0n;
  let stop = 0n;
  const attributes: Attributes = new Map();
  let attributeIndex = 0;
  let droppedAttributes = 0;
  let overLimit = 0;
  let events: SpanEvent[] | undefined;
  let droppedEvents = 0;
  let links: SpanLink[] | undefined;
  let droppedLinks = 0;
  let status: Span['status'] = UNSET_STATUS;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case SPAN.tag.trace_id:
        traceId = readId(r, end, 16);
        break;
      case SPAN.tag.span_id:
        spanId = readId(r, end, 8);
        break;
      case SPAN.tag.trace_state:
        traceState = r.string(end);
        break;
      case SPAN.tag.parent_span_id:
        parentSpanId = readId(r, end, 8);
        break;
      case SPAN.tag.flags:
        flags = r.fixed32();
        break;
      case SPAN.tag.name:
        name = r.string(end);
        break;
      case SPAN.tag.kind:
        kind = r.int32();
        break;
      case SPAN.tag.start_time_unix_nano:
        start = r.fixed64();
        break;
      case SPAN.tag.end_time_unix_nano:
        stop = r.fixed64();
        break;
      case SPAN.tag.attributes:
        if (!readAttribute(r, end, ctx, attributes, attributeIndex++)) overLimit++;
        break;
      case SPAN.tag.dropped_attributes_count:
        droppedAttributes = r.uint32();
        break;
      case SPAN.tag.events: {
        events ??= [];
        const index = events.length;
        try {
          events.push(readEvent(r, r.delimited(end), ctx));
        } catch (error) {
          rethrowWithin(error, `events[${index}]`);
        }
        break;
      }
      case SPAN.tag.dropped_events_count:
        droppedEvents = r.uint32();
        break;
      case SPAN.tag.links: {
        links ??= [];
        const index = links.length;
        try {
          const link = readLink(r, r.delimited(end), ctx);
          if (link) links.push(link);
          else droppedLinks++;
        } catch (error) {
          rethrowWithin(error, `links[${index}]`);
        }
        break;
      }
      case SPAN.tag.dropped_links_count:
        droppedLinks += r.uint32();
        break;
      case SPAN.tag.status:
        try {
          status = readStatus(r, r.delimited(end), ctx);
        } catch (error) {
          rethrowWithin(error, 'status');
        }
        break;
      default:
        skipUnknownField(r, tag, end, SPAN);
    }
  }
  r.expectEnd(end);
  const reason = spanRejectReason(traceId, spanId, parentSpanId, kind, start, stop);
  if (reason !== undefined) {
    ctx.reject(reason);
    return undefined;
  }
  warnDroppedAttributes(ctx, overLimit);
  return {
    traceId: traceId as TraceId,
    spanId: spanId as SpanId,
    parentSpanId: optionalSpanId(parentSpanId),
    traceState,
    flags,
    name,
    kind: SPAN_KINDS[kind]!,
    startTimeUnixNano: start as UnixNanos,
    endTimeUnixNano: stop as UnixNanos,
    attributes,
    droppedAttributesCount: droppedAttributes + overLimit,
    events: events ?? NO_EVENTS,
    droppedEventsCount: droppedEvents,
    links: links ?? NO_LINKS,
    droppedLinksCount: droppedLinks,
    status,
  };
}

function readEvent(r: ProtoReader, end: number, ctx: DecodeContext): SpanEvent {
  let time = 0n;
  let name = '';
  const attributes: Attributes = new Map();
  let index = 0;
  let dropped = 0;
  let overLimit = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case SPAN_EVENT.tag.time_unix_nano:
        time = r.fixed64();
        break;
      case SPAN_EVENT.tag.name:
        name = r.string(end);
        break;
      case SPAN_EVENT.tag.attributes:
        if (!readAttribute(r, end, ctx, attributes, index++)) overLimit++;
        break;
      case SPAN_EVENT.tag.dropped_attributes_count:
        dropped = r.uint32();
        break;
      default:
        skipUnknownField(r, tag, end, SPAN_EVENT);
    }
  }
  r.expectEnd(end);
  warnDroppedAttributes(ctx, overLimit);
  return {
    timeUnixNano: time as UnixNanos,
    name,
    attributes,
    droppedAttributesCount: dropped + overLimit,
  };
}

/** Undefined when the link's ids are unusable: the link is dropped and counted, the span kept. */
function readLink(r: ProtoReader, end: number, ctx: DecodeContext): SpanLink | undefined {
  let traceId: RawId;
  let spanId: RawId;
  let traceState = '';
  const attributes: Attributes = new Map();
  let index = 0;
  let dropped = 0;
  let overLimit = 0;
  let flags = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case SPAN_LINK.tag.trace_id:
        traceId = readId(r, end, 16);
        break;
      case SPAN_LINK.tag.span_id:
        spanId = readId(r, end, 8);
        break;
      case SPAN_LINK.tag.trace_state:
        traceState = r.string(end);
        break;
      case SPAN_LINK.tag.attributes:
        if (!readAttribute(r, end, ctx, attributes, index++)) overLimit++;
        break;
      case SPAN_LINK.tag.dropped_attributes_count:
        dropped = r.uint32();
        break;
      case SPAN_LINK.tag.flags:
        flags = r.fixed32();
        break;
      default:
        skipUnknownField(r, tag, end, SPAN_LINK);
    }
  }
  r.expectEnd(end);
  if (!isValidLinkId(traceId, spanId)) {
    ctx.warn('links with a missing, malformed or all-zero id dropped');
    return undefined;
  }
  warnDroppedAttributes(ctx, overLimit);
  return {
    traceId: traceId as TraceId,
    spanId: spanId as SpanId,
    traceState,
    attributes,
    droppedAttributesCount: dropped + overLimit,
    flags,
  };
}

function readStatus(r: ProtoReader, end: number, ctx: DecodeContext): Span['status'] {
  let code = 0;
  let message = '';
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === STATUS.tag.code) code = r.int32();
    else if (tag === STATUS.tag.message) message = r.string(end);
    else skipUnknownField(r, tag, end, STATUS);
  }
  r.expectEnd(end);
  return statusOf(code, message, ctx);
}
