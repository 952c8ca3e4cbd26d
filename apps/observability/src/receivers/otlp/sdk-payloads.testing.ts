import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import {
  JsonLogsSerializer,
  JsonTraceSerializer,
  ProtobufLogsSerializer,
  ProtobufTraceSerializer,
} from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  type ReadableLogRecord,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/**
 * Real OTLP payloads for tests: spans and log records made by the OpenTelemetry SDK and
 * serialized by the official otlp-transformer, exactly as exporters send them.
 */
export const RESOURCE_ATTRIBUTES = { 'service.name': 'cruddur-backend', 'host.cores': 8 };
export const SCOPE = {
  name: 'cruddur.tests',
  version: '1.2.3',
  schemaUrl: 'https://opentelemetry.io/schemas/1.30.0',
};

export const LINKED_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
export const LINKED_SPAN_ID = 'b7ad6b7169203331';

/** A parent SERVER span and a child CLIENT span with every kind of attribute, event, link and status. */
export function makeSdkSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(RESOURCE_ATTRIBUTES),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer(SCOPE.name, SCOPE.version, { schemaUrl: SCOPE.schemaUrl });
  const parent = tracer.startSpan('GET /api/activities/home', {
    kind: SpanKind.SERVER,
    startTime: [1_700_000_000, 123_456_789],
    attributes: { 'http.method': 'GET', 'http.status_code': 200 },
  });
  const child = tracer.startSpan(
    'SELECT crud',
    {
      kind: SpanKind.CLIENT,
      startTime: [1_700_000_000, 200_000_000],
      attributes: {
        'db.system': 'postgresql',
        'db.rows': 42,
        'db.ratio': 0.5,
        'db.cached': false,
        'db.tags': ['a', 'b'],
        'db.ports': [5432, 5433],
      },
      links: [
        {
          context: { traceId: LINKED_TRACE_ID, spanId: LINKED_SPAN_ID, traceFlags: 1 },
          attributes: { 'link.reason': 'retry' },
        },
      ],
    },
    trace.setSpan(context.active(), parent),
  );
  child.addEvent('exception', { 'exception.message': 'boom' }, [1_700_000_000, 250_000_000]);
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'query failed' });
  child.end([1_700_000_000, 300_000_000]);
  parent.setStatus({ code: SpanStatusCode.OK });
  parent.end([1_700_000_001, 0]);
  return exporter.getFinishedSpans();
}

export function makeSdkLogRecords(spans: ReadableSpan[] = makeSdkSpans()): ReadableLogRecord[] {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes(RESOURCE_ATTRIBUTES),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger(SCOPE.name, SCOPE.version, { schemaUrl: SCOPE.schemaUrl });
  const span = spans[0]!;
  logger.emit({
    severityNumber: SeverityNumber.ERROR,
    severityText: 'ERROR',
    body: 'query failed',
    timestamp: [1_700_000_000, 250_000_000],
    observedTimestamp: [1_700_000_000, 260_000_000],
    attributes: { 'user.id': 7, 'user.handle': 'andrewbrown', ratio: 1.5, ok: true },
    context: trace.setSpanContext(context.active(), span.spanContext()),
  });
  logger.emit({
    eventName: 'browser.page_view',
    body: { page: '/home', visits: 3, nested: { deep: [1, 'two', true] } },
    observedTimestamp: [1_700_000_002, 0],
  });
  return exporter.getFinishedLogRecords();
}

export function tracesAsProtobuf(spans: ReadableSpan[] = makeSdkSpans()): Uint8Array {
  return ProtobufTraceSerializer.serializeRequest(spans)!;
}

export function tracesAsJson(spans: ReadableSpan[] = makeSdkSpans()): Uint8Array {
  return JsonTraceSerializer.serializeRequest(spans)!;
}

export function logsAsProtobuf(logs: ReadableLogRecord[] = makeSdkLogRecords()): Uint8Array {
  return ProtobufLogsSerializer.serializeRequest(logs)!;
}

export function logsAsJson(logs: ReadableLogRecord[] = makeSdkLogRecords()): Uint8Array {
  return JsonLogsSerializer.serializeRequest(logs)!;
}
