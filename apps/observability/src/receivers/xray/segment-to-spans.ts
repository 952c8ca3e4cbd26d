import type { Attributes, AttributeValue } from '../../model/attributes.js';
import { parseSpanIdHex, type SpanId, type TraceId } from '../../model/ids.js';
import type { Span, SpanEvent, SpanKind, SpanLink } from '../../model/span.js';
import { secondsToUnixNanos } from '../../model/time.js';
import { jsonToAttribute } from './json-to-attribute.js';
import { XRAY_KEYS as K } from './xray-attribute-keys.js';
import type { XrayDocument, XrayException, XraySubsegment } from './xray-segment-schema.js';
import { parseXrayTraceId } from './xray-trace-id.js';

/** Fields this mapper reads; anything else in a document is kept under `aws.xray.extra.*`. */
const KNOWN_FIELDS = new Set([
  'id',
  'name',
  'start_time',
  'end_time',
  'in_progress',
  'trace_id',
  'parent_id',
  'type',
  'namespace',
  'user',
  'origin',
  'resource_arn',
  'service',
  'http',
  'aws',
  'sql',
  'error',
  'fault',
  'throttle',
  'cause',
  'annotations',
  'metadata',
  'precursor_ids',
  'links',
  'subsegments',
  'inferred',
]);

/**
 * One segment document (or independent subsegment) as spans, parents before children: the
 * document first, then its nested subsegments flattened with `parent_id` = the enclosing id.
 * The schema has already checked ids and times, so this never fails.
 */
export function segmentToSpans(document: XrayDocument): Span[] {
  const traceId = parseXrayTraceId(document.trace_id) as TraceId;
  const isSegment = document.type !== 'subsegment';
  const parent = document.parent_id === undefined ? null : parseSpanIdHex(document.parent_id);
  const spans: Span[] = [];
  const pending: [XraySubsegment, SpanId | null, boolean][] = [
    [document, parent ?? null, isSegment],
  ];
  while (pending.length > 0) {
    const [body, parentId, segment] = pending.shift()!;
    const span = bodyToSpan(body, traceId, parentId, segment);
    spans.push(span);
    for (const child of body.subsegments ?? []) pending.push([child, span.spanId, false]);
  }
  return spans;
}

function bodyToSpan(
  body: XraySubsegment,
  traceId: TraceId,
  parentSpanId: SpanId | null,
  isSegment: boolean,
): Span {
  const kind = kindOf(body, isSegment);
  const start = secondsToUnixNanos(body.start_time);
  let end = body.end_time === undefined ? start : secondsToUnixNanos(body.end_time);
  // A clock step can put the end before the start; the store needs a non-negative duration.
  if (end < start) end = start;
  const exceptions = typeof body.cause === 'object' ? (body.cause.exceptions ?? []) : [];
  const faulty = body.fault === true || (body.error === true && kind === 'client');
  return {
    traceId,
    spanId: parseSpanIdHex(body.id) as SpanId,
    parentSpanId,
    traceState: '',
    flags: 1,
    name: body.name,
    kind,
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    attributes: attributesOf(body),
    droppedAttributesCount: 0,
    events: exceptions.map((exception) => exceptionEvent(exception, end)),
    droppedEventsCount: 0,
    links: linksOf(body),
    droppedLinksCount: 0,
    status: {
      code: faulty ? 'error' : 'unset',
      message: faulty ? (exceptions[0]?.message ?? '') : '',
    },
  };
}

/** A segment is the service's side of a request; `remote`/`aws` subsegments are calls out. */
function kindOf(body: XraySubsegment, isSegment: boolean): SpanKind {
  if (isSegment) return 'server';
  return body.namespace === 'remote' || body.namespace === 'aws' ? 'client' : 'internal';
}

function attributesOf(body: XraySubsegment): Attributes {
  const out: Attributes = new Map();
  // Metadata first, so a document's own fields win over a metadata key of the same name.
  for (const [namespace, values] of Object.entries(body.metadata ?? {})) {
    if (namespace === 'default') {
      for (const [key, value] of Object.entries(values)) out.set(key, jsonToAttribute(value));
    } else {
      out.set(`${K.metadataPrefix}${namespace}`, JSON.stringify(values));
    }
  }
  const annotations = Object.entries(body.annotations ?? {});
  for (const [key, value] of annotations) out.set(key, jsonToAttribute(value));
  if (annotations.length > 0)
    out.set(
      K.annotations,
      annotations.map(([key]) => key),
    );

  const request = body.http?.request;
  put(out, K.method, request?.method);
  put(out, K.url, request?.url);
  put(out, K.urlPath, request?.url === undefined ? undefined : pathOf(request.url));
  put(out, K.userAgent, request?.user_agent);
  put(out, K.clientIp, request?.client_ip);
  put(out, K.forwardedFor, request?.x_forwarded_for);
  put(out, K.traced, request?.traced);
  const response = body.http?.response;
  put(out, K.status, integerOf(response?.status));
  put(out, K.contentLength, integerOf(response?.content_length));

  const sql = body.sql;
  if (sql !== undefined) {
    put(out, K.dbSystem, sql.database_type?.toLowerCase());
    put(out, K.dbSystemName, sql.database_type?.toLowerCase());
    put(out, K.dbQuery, sql.sanitized_query);
    put(out, K.dbUser, sql.user);
    for (const [key, value] of Object.entries(sql)) {
      if (key !== 'sanitized_query' && key !== 'user')
        out.set(`${K.sqlPrefix}${key}`, jsonToAttribute(value));
    }
  }
  flattenInto(out, 'aws', body.aws ?? {});
  for (const [key, value] of Object.entries(body.service ?? {})) {
    out.set(`${K.servicePrefix}${key}`, jsonToAttribute(value));
  }
  put(out, K.user, body.user);
  put(out, K.namespace, body.namespace);
  put(out, K.origin, body.origin);
  put(out, K.resourceArn, body.resource_arn);
  put(out, K.error, body.error);
  put(out, K.fault, body.fault);
  put(out, K.throttle, body.throttle);
  put(out, K.inProgress, body.in_progress);
  if (body.precursor_ids !== undefined) out.set(K.precursorIds, [...body.precursor_ids]);
  if (body.cause !== undefined) out.set(K.cause, JSON.stringify(body.cause));
  for (const [key, value] of Object.entries(body)) {
    if (!KNOWN_FIELDS.has(key)) out.set(`${K.extraPrefix}${key}`, JSON.stringify(value));
  }
  return out;
}

function put(out: Attributes, key: string, value: AttributeValue | undefined): void {
  if (value !== undefined) out.set(key, value);
}

/** `aws.xray.sdk`, `aws.ec2.instance_id`...: nested objects become dotted keys, as OTel names them. */
function flattenInto(out: Attributes, prefix: string, object: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(object)) {
    const path = `${prefix}.${key}`;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      flattenInto(out, path, value as Record<string, unknown>);
    } else {
      out.set(path, jsonToAttribute(value));
    }
  }
}

function integerOf(value: number | string | undefined): bigint | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return number !== undefined && Number.isSafeInteger(number) ? BigInt(number) : undefined;
}

/** The path of an absolute or relative URL; a regex, since `new URL` costs more than the rest of a span. */
function pathOf(url: string): string | undefined {
  if (url === '') return undefined;
  const match = /^(?:[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*)?([^?#]*)/.exec(url);
  const path = match?.[1] ?? '';
  return path === '' ? '/' : path.startsWith('/') ? path : undefined;
}

function exceptionEvent(exception: XrayException, at: Span['endTimeUnixNano']): SpanEvent {
  const attributes: Attributes = new Map();
  put(attributes, 'exception.type', exception.type);
  put(attributes, 'exception.message', exception.message);
  const stack = (exception.stack ?? [])
    .map(
      (frame) => `    at ${frame.label ?? '<anonymous>'} (${frame.path ?? ''}:${frame.line ?? 0})`,
    )
    .join('\n');
  if (stack !== '') attributes.set('exception.stacktrace', stack);
  put(attributes, 'aws.xray.exception.id', exception.id);
  put(attributes, 'aws.xray.exception.remote', exception.remote);
  return { timeUnixNano: at, name: 'exception', attributes, droppedAttributesCount: 0 };
}

function linksOf(body: XraySubsegment): SpanLink[] {
  const links: SpanLink[] = [];
  for (const link of body.links ?? []) {
    const traceId = parseXrayTraceId(link.trace_id);
    const spanId = parseSpanIdHex(link.id);
    if (traceId === undefined || spanId === undefined) continue;
    const attributes: Attributes = new Map(
      Object.entries(link.attributes ?? {}).map(([k, v]) => [k, jsonToAttribute(v)]),
    );
    links.push({
      traceId,
      spanId,
      traceState: '',
      attributes,
      droppedAttributesCount: 0,
      flags: 0,
    });
  }
  return links;
}
