import type { SpanView } from '../contract/trace-view.js';
import { unixNanosToSeconds } from '../model/time.js';
import { isMappingKey, XRAY_KEYS as K } from '../receivers/xray/xray-attribute-keys.js';
import { httpUrlOf } from './http-url.js';

export type SegmentDocument = Record<string, unknown>;

/** `db.system` values the X-Ray exporter describes as SQL. */
const SQL_SYSTEMS = new Set([
  'db2',
  'derby',
  'hive',
  'mariadb',
  'mssql',
  'mysql',
  'oracle',
  'postgresql',
  'sqlite',
  'teradata',
  'other_sql',
]);

/** Attributes a document field carries, so they are not repeated under metadata. */
const CONSUMED = new Set<string>([
  K.method,
  'http.method',
  K.url,
  'http.url',
  K.urlPath,
  K.userAgent,
  'http.user_agent',
  K.clientIp,
  'http.client_ip',
  K.status,
  'http.status_code',
  K.contentLength,
  K.user,
  K.dbQuery,
  'db.statement',
  K.dbUser,
  K.dbSystem,
  K.dbSystemName,
]);

/**
 * One stored span as an X-Ray (sub)segment document, the inverse of `segmentToSpans` for spans
 * that came through X-Ray and the collector exporter's mapping for spans that came through OTLP:
 * semantic-convention attributes become `http` / `sql` / `aws` / `cause`, the keys listed in
 * `aws.xray.annotations` become annotations, everything else `metadata.default`.
 */
export function spanToSegmentDocument(
  span: SpanView,
  options: { readonly segment: boolean; readonly xrayTraceId: string },
): SegmentDocument {
  const a = span.attributes;
  const start = unixNanosToSeconds(BigInt(span.startTimeUnixNano));
  const doc: SegmentDocument = {
    id: span.spanId,
    name: documentName(span, options.segment),
    start_time: start,
  };
  if (a[K.inProgress] === true) doc.in_progress = true;
  else doc.end_time = round6(start + span.durationMs / 1000);
  if (options.segment) {
    doc.trace_id = options.xrayTraceId;
    if (span.parentSpanId !== null) doc.parent_id = span.parentSpanId;
  }
  const namespace = a[K.namespace] ?? defaultNamespace(span);
  if (typeof namespace === 'string' && !options.segment) doc.namespace = namespace;
  setIf(doc, 'user', a[K.user]);
  setIf(doc, 'origin', a[K.origin]);
  setIf(doc, 'resource_arn', a[K.resourceArn]);
  setIf(doc, 'precursor_ids', a[K.precursorIds]);
  const service = prefixed(a, K.servicePrefix);
  if (
    options.segment &&
    span.source !== 'xray' &&
    typeof span.resource['service.version'] === 'string'
  ) {
    service.version = span.resource['service.version'];
  }
  if (Object.keys(service).length > 0) doc.service = service;
  const http = httpOf(a);
  if (http !== undefined) doc.http = http;
  const sql = sqlOf(span);
  if (sql !== undefined) doc.sql = sql;
  const aws = awsOf(a);
  if (Object.keys(aws).length > 0) doc.aws = aws;
  Object.assign(doc, flagsOf(span));
  const cause = causeOf(span);
  if (cause !== undefined) doc.cause = cause;
  const annotationKeys = Array.isArray(a[K.annotations]) ? (a[K.annotations] as unknown[]) : [];
  const annotations: Record<string, unknown> = {};
  for (const key of annotationKeys) {
    if (typeof key === 'string' && isScalar(a[key])) annotations[key] = a[key];
  }
  if (Object.keys(annotations).length > 0) doc.annotations = annotations;
  doc.metadata = metadataOf(span, options.segment, new Set(Object.keys(annotations)));
  if (Object.keys(doc.metadata as object).length === 0) delete doc.metadata;
  const links = linksOf(span);
  if (links.length > 0) doc.links = links;
  for (const [key, value] of Object.entries(a)) {
    if (key.startsWith(K.extraPrefix)) doc[key.slice(K.extraPrefix.length)] = parseJson(value);
  }
  return doc;
}

function linksOf(span: SpanView): SegmentDocument[] {
  const links: SegmentDocument[] = [];
  for (const link of span.links) {
    const { traceId, spanId, attributes } = link as {
      traceId?: unknown;
      spanId?: unknown;
      attributes?: unknown;
    };
    if (typeof traceId !== 'string' || typeof spanId !== 'string' || traceId.length !== 32)
      continue;
    const out: SegmentDocument = {
      trace_id: `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`,
      id: spanId,
    };
    if (
      typeof attributes === 'object' &&
      attributes !== null &&
      Object.keys(attributes).length > 0
    ) {
      out.attributes = attributes;
    }
    links.push(out);
  }
  return links;
}

/** Segments are named for their service; subsegments for what they did (or whom they called). */
function documentName(span: SpanView, segment: boolean): string {
  if (segment) return sanitizeName(span.service);
  if (span.source === 'xray') return sanitizeName(span.name);
  const a = span.attributes;
  const remote =
    span.kind === 'client' || span.kind === 'producer'
      ? (a['peer.service'] ?? a['server.address'])
      : undefined;
  return sanitizeName(typeof remote === 'string' ? remote : span.name);
}

/** X-Ray names allow letters, digits, whitespace and `_ . : / % & # = + \ - @`, up to 200. */
function sanitizeName(name: string): string {
  const clean = name.replace(/[^\p{L}\p{N}\s_.:/%&#=+\\\-@]/gu, '').slice(0, 200);
  return clean === '' ? 'span' : clean;
}

function defaultNamespace(span: SpanView): string | undefined {
  if (span.attributes['rpc.system'] === 'aws-api' || span.attributes['aws.service'] !== undefined)
    return 'aws';
  return span.kind === 'client' ? 'remote' : undefined;
}

function httpOf(a: Record<string, unknown>): SegmentDocument | undefined {
  const request: SegmentDocument = {};
  setIf(request, 'method', a[K.method] ?? a['http.method']);
  setIf(request, 'url', httpUrlOf(a));
  setIf(request, 'user_agent', a[K.userAgent] ?? a['http.user_agent']);
  setIf(request, 'client_ip', a[K.clientIp] ?? a['http.client_ip']);
  setIf(request, 'x_forwarded_for', a[K.forwardedFor]);
  setIf(request, 'traced', a[K.traced]);
  const response: SegmentDocument = {};
  setIf(response, 'status', a[K.status] ?? a['http.status_code']);
  setIf(response, 'content_length', a[K.contentLength]);
  if (Object.keys(request).length === 0 && Object.keys(response).length === 0) return undefined;
  const http: SegmentDocument = {};
  if (Object.keys(request).length > 0) http.request = request;
  if (Object.keys(response).length > 0) http.response = response;
  return http;
}

function sqlOf(span: SpanView): SegmentDocument | undefined {
  const a = span.attributes;
  const sql = prefixed(a, K.sqlPrefix);
  const system = a[K.dbSystem] ?? a[K.dbSystemName];
  if (Object.keys(sql).length === 0 && !(typeof system === 'string' && SQL_SYSTEMS.has(system)))
    return undefined;
  if (sql.database_type === undefined && typeof system === 'string') sql.database_type = system;
  setIf(sql, 'sanitized_query', a[K.dbQuery] ?? a['db.statement']);
  setIf(sql, 'user', a[K.dbUser]);
  if (span.source !== 'xray' && sql.url === undefined) sql.url = span.name;
  return sql;
}

/** `aws.*` attributes, un-flattened into the document's `aws` object. */
function awsOf(a: Record<string, unknown>): SegmentDocument {
  const aws: SegmentDocument = {};
  for (const [key, value] of Object.entries(a)) {
    if (!key.startsWith('aws.') || isMappingKey(key)) continue;
    const path = key.slice(4).split('.');
    let target = aws;
    for (const part of path.slice(0, -1)) {
      const next = target[part];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) target[part] = {};
      target = target[part] as SegmentDocument;
    }
    target[path[path.length - 1]!] = value;
  }
  return aws;
}

/** The flags as sent, else as the collector exporter derives them from status codes. */
function flagsOf(span: SpanView): SegmentDocument {
  const a = span.attributes;
  if (a[K.fault] !== undefined || a[K.error] !== undefined || a[K.throttle] !== undefined) {
    const flags: SegmentDocument = {};
    setIf(flags, 'error', a[K.error]);
    setIf(flags, 'fault', a[K.fault]);
    setIf(flags, 'throttle', a[K.throttle]);
    return flags;
  }
  const status = Number(a[K.status] ?? a['http.status_code']);
  if (status >= 400 && status < 500)
    return status === 429 ? { error: true, throttle: true } : { error: true };
  if (status >= 500 && status < 600) return { fault: true };
  return span.status.code === 'error' ? { fault: true } : {};
}

function causeOf(span: SpanView): unknown {
  const stored = span.attributes[K.cause];
  if (typeof stored === 'string') return parseJson(stored);
  const exceptions = span.events
    .filter(
      (event): event is { name: string; attributes: Record<string, unknown> } =>
        typeof event === 'object' &&
        event !== null &&
        (event as { name?: unknown }).name === 'exception',
    )
    .map((event, index) => {
      const exception: SegmentDocument = {
        id: `${span.spanId.slice(0, 14)}${index.toString(16).padStart(2, '0')}`,
      };
      setIf(exception, 'type', event.attributes['exception.type']);
      setIf(exception, 'message', event.attributes['exception.message']);
      if (span.kind === 'client' || span.kind === 'producer') exception.remote = true;
      return exception;
    });
  if (exceptions.length > 0) return { exceptions };
  if (span.status.code === 'error' && span.status.message !== '') {
    return { exceptions: [{ id: span.spanId, message: span.status.message }] };
  }
  return undefined;
}

function metadataOf(
  span: SpanView,
  segment: boolean,
  annotations: ReadonlySet<string>,
): SegmentDocument {
  const metadata: SegmentDocument = {};
  const defaults: SegmentDocument = {};
  for (const [key, value] of Object.entries(span.attributes)) {
    if (key.startsWith(K.metadataPrefix)) {
      const namespace = key.slice(K.metadataPrefix.length);
      const parsed = parseJson(value);
      if (namespace === 'default' && typeof parsed === 'object' && parsed !== null)
        Object.assign(defaults, parsed);
      else metadata[namespace] = parsed;
      continue;
    }
    if (CONSUMED.has(key) || annotations.has(key) || key.startsWith('aws.')) continue;
    defaults[key] = value;
  }
  if (segment && span.source !== 'xray') {
    for (const [key, value] of Object.entries(span.resource))
      defaults[`otel.resource.${key}`] = value;
  }
  if (Object.keys(defaults).length > 0) metadata.default = defaults;
  return metadata;
}

function prefixed(a: Record<string, unknown>, prefix: string): SegmentDocument {
  const out: SegmentDocument = {};
  for (const [key, value] of Object.entries(a)) {
    if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
  }
  return out;
}

function setIf(target: SegmentDocument, key: string, value: unknown): void {
  if (value !== undefined && value !== null) target[key] = value;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function round6(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}
