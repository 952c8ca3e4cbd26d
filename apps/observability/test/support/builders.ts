import type { Attributes, AttributeValue } from '../../src/model/attributes.js';
import type { SpanId, TraceId } from '../../src/model/ids.js';
import type { LogRecord } from '../../src/model/log-record.js';
import type { ResourceScope } from '../../src/model/resource-scope.js';
import type { Span } from '../../src/model/span.js';
import type { TelemetryBatch } from '../../src/model/telemetry-batch.js';
import { nowUnixNanos, type UnixNanos } from '../../src/model/time.js';

let counter = 0n;

export function nextTraceId(): TraceId {
  counter++;
  return ((0x5f00000000000000n << 64n) | counter) as TraceId;
}

export function nextSpanId(): SpanId {
  counter++;
  return (0x1000000000000000n | counter) as SpanId;
}

export function attrs(record: Record<string, AttributeValue>): Attributes {
  return new Map(Object.entries(record));
}

export function makeSpan(overrides: Partial<Span> = {}): Span {
  const start = overrides.startTimeUnixNano ?? nowUnixNanos();
  return {
    traceId: nextTraceId(),
    spanId: nextSpanId(),
    parentSpanId: null,
    traceState: '',
    flags: 1,
    name: 'GET /api/activities/home',
    kind: 'server',
    startTimeUnixNano: start,
    endTimeUnixNano: (start + 5_000_000n) as UnixNanos,
    attributes: new Map(),
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 'unset', message: '' },
    ...overrides,
  };
}

export function makeLog(overrides: Partial<LogRecord> = {}): LogRecord {
  const time = nowUnixNanos();
  return {
    timeUnixNano: time,
    observedTimeUnixNano: time,
    severityNumber: 9,
    severityText: 'INFO',
    body: 'hello',
    attributes: new Map(),
    droppedAttributesCount: 0,
    flags: 0,
    traceId: null,
    spanId: null,
    eventName: '',
    ...overrides,
  };
}

export function origin(service: string, extra: Record<string, AttributeValue> = {}): ResourceScope {
  return {
    resource: attrs({ 'service.name': service, ...extra }),
    scope: { name: 'test-scope', version: '1.0.0', attributes: new Map() },
    schemaUrl: '',
  };
}

export function spanBatch(service: string, spans: Span[]): TelemetryBatch {
  return { source: 'otlp', spanGroups: [{ origin: origin(service), spans }], logGroups: [] };
}

export function logBatch(service: string, logs: LogRecord[]): TelemetryBatch {
  return { source: 'otlp', spanGroups: [], logGroups: [{ origin: origin(service), logs }] };
}
