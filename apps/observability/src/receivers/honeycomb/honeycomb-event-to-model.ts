import type { Attributes, AttributeValue } from '../../model/attributes.js';
import { hash64 } from '../../model/hash64.js';
import { parseSpanIdHex, parseTraceIdHex, type SpanId, type TraceId } from '../../model/ids.js';
import type { PlainEvent } from '../../model/plain-event.js';
import { SPAN_KINDS, type Span, type SpanKind } from '../../model/span.js';
import { type UnixNanos, unixNanos } from '../../model/time.js';
import { type HoneycombFields, MAX_EVENT_FIELDS } from './honeycomb-event-schema.js';

export type HoneycombMapped =
  | { readonly kind: 'span'; readonly span: Span }
  | { readonly kind: 'event'; readonly event: PlainEvent }
  | { readonly kind: 'rejected'; readonly error: string };

/** A year: longer "durations" are garbage and would overflow nanosecond arithmetic. */
const MAX_DURATION_MS = 365 * 24 * 3_600_000;

/** Fields that become span fields rather than attributes, as Honeycomb's trace view reads them. */
const SPAN_FIELDS = new Set([
  'trace.trace_id',
  'trace.span_id',
  'trace.parent_id',
  'name',
  'duration_ms',
  'span.kind',
  'error',
  'status_code',
  'status_message',
  'service.name',
  'service_name',
]);

/**
 * One Honeycomb event into the model: with `trace.trace_id` it is a span (start = event time,
 * end = start + duration_ms), otherwise a plain event of the dataset.
 */
export function honeycombEventToModel(fields: HoneycombFields, time: UnixNanos): HoneycombMapped {
  const keys = Object.keys(fields);
  if (keys.length === 0) return { kind: 'rejected', error: 'Request body should not be empty.' };
  if (keys.length > MAX_EVENT_FIELDS)
    return { kind: 'rejected', error: 'Event has too many columns.' };
  const duration = fields.duration_ms;
  const durationMs =
    typeof duration === 'number' && Number.isFinite(duration) ? Math.max(0, duration) : null;
  if (durationMs !== null && durationMs > MAX_DURATION_MS) {
    return { kind: 'rejected', error: 'duration_ms is larger than a year' };
  }
  const traceField = fields['trace.trace_id'];
  if (traceField === undefined || traceField === null || traceField === '') {
    return {
      kind: 'event',
      event: {
        timeUnixNano: time,
        name: typeof fields.name === 'string' ? fields.name : null,
        durationMs,
        attributes: toAttributes(fields, new Set(['name', 'duration_ms'])),
      },
    };
  }
  const spanField = fields['trace.span_id'];
  if (spanField === undefined || spanField === null || spanField === '') {
    return { kind: 'rejected', error: 'trace.span_id is required when trace.trace_id is set' };
  }
  const parentField = fields['trace.parent_id'];
  const isError = fields.error === true || fields.error === 'true';
  const span: Span = {
    traceId: toTraceId(String(traceField)),
    spanId: toSpanId(String(spanField)),
    parentSpanId:
      parentField === undefined || parentField === null || parentField === ''
        ? null
        : toSpanId(String(parentField)),
    traceState: '',
    flags: 1,
    name: typeof fields.name === 'string' ? fields.name : '',
    kind: toKind(fields['span.kind']),
    startTimeUnixNano: time,
    endTimeUnixNano: unixNanos(time + BigInt(Math.round((durationMs ?? 0) * 1e6))),
    attributes: toAttributes(fields, SPAN_FIELDS),
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: {
      code: isError ? 'error' : 'unset',
      message: typeof fields.status_message === 'string' ? fields.status_message : '',
    },
  };
  return { kind: 'span', span };
}

/** Beelines send UUIDs or other strings as ids; those map to a stable hash so trees stay intact. */
function toTraceId(text: string): TraceId {
  const hex = text.replaceAll('-', '');
  return (
    parseTraceIdHex(hex.padStart(32, '0')) ??
    (((hash64('trace', text) << 64n) | hash64('trace-low', text)) as TraceId)
  );
}

function toSpanId(text: string): SpanId {
  return parseSpanIdHex(text) ?? ((hash64('span', text) || 1n) as SpanId);
}

function toKind(value: unknown): SpanKind {
  const kind = String(value ?? '').toLowerCase() as SpanKind;
  return SPAN_KINDS.includes(kind) ? kind : 'unspecified';
}

function toAttributes(fields: HoneycombFields, skip: ReadonlySet<string>): Attributes {
  const attributes: Attributes = new Map();
  for (const [key, value] of Object.entries(fields)) {
    if (skip.has(key) || value === null || value === undefined) continue;
    attributes.set(key, toValue(value));
  }
  return attributes;
}

/** JSON numbers that are whole become integers, as Honeycomb types such columns. */
function toValue(value: unknown): AttributeValue {
  if (typeof value === 'number')
    return Number.isInteger(value) && Number.isSafeInteger(value) ? BigInt(value) : value;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}
