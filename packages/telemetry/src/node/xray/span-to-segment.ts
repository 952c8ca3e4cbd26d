import { type Attributes, type HrTime, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { segmentName } from './segment-name.js';
import { annotationsAndMetadata } from './span-annotations-and-metadata.js';
import { causeOfSpan } from './span-cause.js';
import { HTTP_MAPPED_KEYS, httpOfSpan, httpStatusOf, requestHostOf } from './span-http.js';
import type { XraySegmentDocument, XraySql } from './xray-segment-document.js';
import { toXrayTraceId } from './xray-trace-id.js';

/** What the mapping needs besides the span; built once per exporter. */
export interface SegmentMapping {
  /** Attribute keys copied to annotations. */
  annotationKeys: ReadonlySet<string>;
  /** From `AWS_XRAY_URL`: server segments whose request Host matches are named by the Host. */
  dynamicNaming: RegExp | undefined;
}

/** `db.system` values X-Ray's `sql` object describes (SQL databases). */
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
const SQL_MAPPED_KEYS = new Set([
  'db.query.text',
  'db.statement',
  'db.user',
  'db.connection_string',
]);

const ORIGINS: Record<string, string> = {
  aws_ec2: 'AWS::EC2::Instance',
  aws_ecs: 'AWS::ECS::Container',
  aws_eks: 'AWS::EKS::Container',
  aws_elastic_beanstalk: 'AWS::ElasticBeanstalk::Environment',
  aws_app_runner: 'AWS::AppRunner::Service',
};

/** Per resource: its attributes as segment metadata, and the segment fields it decides. */
interface ResourceFields {
  metadata: Record<string, unknown>;
  serviceName: string;
  service: XraySegmentDocument['service'];
  aws: XraySegmentDocument['aws'];
  origin: string | undefined;
}
const resourceFieldsCache = new WeakMap<object, ResourceFields>();

/**
 * Turns one finished span into an X-Ray document. SERVER spans and spans without a parent become
 * segments, named by the service (or by the request Host when it matches the dynamic naming
 * pattern) and carrying the resource as `otel.resource.*` metadata; every other span becomes a
 * subsegment sent on its own (`type`, `trace_id`, `parent_id`). Outgoing calls get
 * `namespace: "remote"`, SQL database calls `sql`; the HTTP status decides
 * `error`/`throttle`/`fault` (the span status when there is none) and exceptions become `cause`.
 *
 * @example
 * const doc = spanToSegment(span, { annotationKeys: new Set(['app.user_handle']), dynamicNaming: undefined });
 * JSON.stringify(doc); // {"name":"cruddur-backend","id":"…","trace_id":"1-…","start_time":…}
 */
export function spanToSegment(span: ReadableSpan, mapping: SegmentMapping): XraySegmentDocument {
  const { traceId, spanId } = span.spanContext();
  const attributes = span.attributes;
  const parentId = span.parentSpanContext?.spanId;
  const isSegment = isSegmentSpan(span);
  const resource = resourceFieldsOf(span);

  const document: XraySegmentDocument = {
    name: isSegment
      ? segmentName(segmentNameOf(span, resource.serviceName, mapping))
      : segmentName(subsegmentNameOf(span)),
    id: spanId,
    trace_id: toXrayTraceId(traceId),
    start_time: seconds(span.startTime),
    end_time: seconds(span.endTime),
  };
  if (!isSegment) document.type = 'subsegment';
  if (parentId !== undefined) document.parent_id = parentId;
  if (span.kind === SpanKind.CLIENT || span.kind === SpanKind.PRODUCER)
    document.namespace = 'remote';
  if (isSegment) {
    if (resource.origin !== undefined) document.origin = resource.origin;
    if (resource.service !== undefined) document.service = resource.service;
    if (resource.aws !== undefined) document.aws = resource.aws;
  }
  const user = attributes['enduser.id'];
  if (typeof user === 'string' && user !== '') document.user = user;

  const http = httpOfSpan(attributes, span.kind === SpanKind.SERVER);
  if (http !== undefined) document.http = http;
  const sql = sqlOf(span);
  if (sql !== undefined) document.sql = sql;

  const status = httpStatusOf(attributes);
  if (status !== undefined && status >= 400 && status < 500) {
    document.error = true;
    if (status === 429) document.throttle = true;
  } else if (status !== undefined && status >= 500 && status < 600) {
    document.fault = true;
  } else if (span.status.code === SpanStatusCode.ERROR) {
    document.fault = true;
  }
  if (document.error === true || document.fault === true || span.events.length > 0) {
    const cause = causeOfSpan(span);
    if (cause !== undefined) document.cause = cause;
  }

  const { annotations, metadata } = annotationsAndMetadata(
    attributes,
    mapping.annotationKeys,
    sql === undefined ? isHttpMapped : isHttpOrSqlMapped,
    isSegment ? resource.metadata : undefined,
  );
  if (annotations !== undefined) document.annotations = annotations;
  if (metadata !== undefined) document.metadata = metadata;

  if (span.links.length > 0) {
    document.links = span.links.map((link) => ({
      trace_id: toXrayTraceId(link.context.traceId),
      id: link.context.spanId,
      ...(link.attributes === undefined || Object.keys(link.attributes).length === 0
        ? {}
        : { attributes: { ...link.attributes } }),
    }));
  }
  return document;
}

/** SERVER spans and spans without a parent are segments; every other span is a subsegment. */
export function isSegmentSpan(span: ReadableSpan): boolean {
  return span.kind === SpanKind.SERVER || span.parentSpanContext?.spanId === undefined;
}

function isHttpMapped(key: string): boolean {
  return HTTP_MAPPED_KEYS.has(key) || key === 'enduser.id';
}

function isHttpOrSqlMapped(key: string): boolean {
  return isHttpMapped(key) || SQL_MAPPED_KEYS.has(key);
}

/** HrTime → epoch seconds with a fraction, as X-Ray's `start_time`/`end_time`. */
function seconds(time: HrTime): number {
  return time[0] + time[1] / 1e9;
}

function segmentNameOf(span: ReadableSpan, serviceName: string, mapping: SegmentMapping): string {
  if (mapping.dynamicNaming !== undefined && span.kind === SpanKind.SERVER) {
    const host = requestHostOf(span.attributes);
    if (host !== undefined && mapping.dynamicNaming.test(host)) return host;
  }
  return serviceName;
}

/** Calls out are named for what they call (X-Ray draws that as a node); the rest by their name. */
function subsegmentNameOf(span: ReadableSpan): string {
  if (span.kind !== SpanKind.CLIENT && span.kind !== SpanKind.PRODUCER) return span.name;
  const a = span.attributes;
  const peer = stringOf(a['peer.service']);
  if (peer !== undefined) return peer;
  const database = stringOf(a['db.namespace']) ?? stringOf(a['db.name']);
  const host = stringOf(a['server.address']) ?? stringOf(a['net.peer.name']);
  if (database !== undefined) return host === undefined ? database : `${database}@${host}`;
  return host ?? span.name;
}

function sqlOf(span: ReadableSpan): XraySql | undefined {
  const a = span.attributes;
  const system = stringOf(a['db.system']) ?? stringOf(a['db.system.name']);
  if (system === undefined || !SQL_SYSTEMS.has(system)) return undefined;
  const database = stringOf(a['db.namespace']) ?? stringOf(a['db.name']) ?? '';
  const address = stringOf(a['server.address']);
  const port = a['server.port'];
  const server =
    stringOf(a['db.connection_string']) ??
    (address === undefined ? 'localhost' : port === undefined ? address : `${address}:${port}`);
  const sql: XraySql = {
    url: span.name,
    connection_string: `${server}/${database}`,
    database_type: system,
  };
  const user = stringOf(a['db.user']);
  if (user !== undefined) sql.user = user;
  const query = stringOf(a['db.query.text']) ?? stringOf(a['db.statement']);
  if (query !== undefined) sql.sanitized_query = query;
  return sql;
}

function stringOf(value: Attributes[string]): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function resourceFieldsOf(span: ReadableSpan): ResourceFields {
  const cached = resourceFieldsCache.get(span.resource);
  if (cached !== undefined) return cached;
  const attributes = span.resource.attributes;
  const metadata: Record<string, unknown> = {};
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined) metadata[`otel.resource.${key}`] = value;
  }
  const version = stringOf(attributes['service.version']);
  const sdk = stringOf(attributes['telemetry.sdk.name']);
  const language = stringOf(attributes['telemetry.sdk.language']);
  const sdkVersion = stringOf(attributes['telemetry.sdk.version']);
  const platform = stringOf(attributes['cloud.platform']);
  const fields: ResourceFields = {
    metadata,
    serviceName: stringOf(attributes['service.name']) ?? 'unknown_service',
    service: version === undefined ? undefined : { version },
    aws:
      sdk === undefined
        ? undefined
        : {
            xray: {
              sdk: language === undefined ? sdk : `${sdk} for ${language}`,
              ...(sdkVersion === undefined ? {} : { sdk_version: sdkVersion }),
            },
          },
    origin:
      stringOf(attributes['cloud.provider']) === 'aws' && platform !== undefined
        ? ORIGINS[platform]
        : undefined,
  };
  // Async resource attributes may still be arriving; only a settled resource is worth keeping.
  if (!span.resource.asyncAttributesPending) resourceFieldsCache.set(span.resource, fields);
  return fields;
}
