import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import Rollbar from 'rollbar';

export const SEED_USERS = ['andrewbrown', 'worf', 'garek', 'ro', 'data'] as const;
export const XSS_PAYLOAD = '<img src=x onerror=alert(1)>';

export interface SeededTrace {
  readonly traceId: string;
  readonly frontendSpanId: string;
  readonly backendSpanId: string;
  readonly dbSpanId: string;
  readonly userId: string;
  readonly backendDurationMs: number;
  readonly failed: boolean;
}

export interface Seeded {
  readonly traces: readonly SeededTrace[];
  /** The trace whose database call failed: it has an error log line and a Rollbar occurrence. */
  readonly failedTrace: SeededTrace;
  readonly errorMessage: string;
}

/**
 * Cruddur-shaped telemetry through the real clients: the browser's span calls the API, which
 * queries the database; each API span logs a JSON line; one request fails and reports to Rollbar.
 * The first trace carries an HTML payload in an attribute and a log body, to prove text rendering.
 */
export async function seedConsoleData(baseUrl: string, count = 30): Promise<Seeded> {
  const tracerFor = (service: string) => {
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': service }),
      spanProcessors: [
        new BatchSpanProcessor(new OTLPTraceExporter({ url: `${baseUrl}/v1/traces` }), {
          maxExportBatchSize: 256,
        }),
      ],
    });
    return { provider, tracer: provider.getTracer('cruddur-seed', '1.0.0') };
  };
  const frontend = tracerFor('cruddur-frontend');
  const backend = tracerFor('cruddur-backend');
  const logs = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'cruddur-backend' }),
    processors: [
      new BatchLogRecordProcessor({
        exporter: new OTLPLogExporter({ url: `${baseUrl}/v1/logs` }),
        maxExportBatchSize: 256,
      }),
    ],
  });
  const logger = logs.getLogger('cruddur-seed');
  const errorMessage = `relation "activities" is locked (${XSS_PAYLOAD})`;

  const now = Date.now();
  const traces: SeededTrace[] = [];
  for (let i = 0; i < count; i++) {
    const userId = SEED_USERS[(i * 3) % SEED_USERS.length]!;
    const start = now - 10 * 60_000 + i * 15_000;
    const backendDurationMs = 5 + ((i * 37) % 90) + (i % 7 === 0 ? 250 : 0);
    const failed = i === 3;
    const root = frontend.tracer.startSpan(
      'GET /home',
      {
        kind: SpanKind.CLIENT,
        startTime: start,
        attributes: i === 0 ? { 'xss.payload': XSS_PAYLOAD } : { 'http.method': 'GET' },
      },
      ROOT_CONTEXT,
    );
    const rootContext = trace.setSpan(ROOT_CONTEXT, root);
    const api = backend.tracer.startSpan(
      'GET /api/activities/home',
      {
        kind: SpanKind.SERVER,
        startTime: start + 2,
        attributes: {
          'app.userId': userId,
          'http.route': '/api/activities/home',
          'http.response.status_code': failed ? 500 : 200,
        },
      },
      rootContext,
    );
    const apiContext = trace.setSpan(rootContext, api);
    const db = backend.tracer.startSpan(
      'SELECT activities',
      {
        kind: SpanKind.CLIENT,
        startTime: start + 3,
        attributes: { 'db.system': 'postgresql', 'db.statement': 'SELECT * FROM activities' },
      },
      apiContext,
    );
    if (failed) {
      db.recordException(
        { name: 'DatabaseError', message: errorMessage },
        start + 3 + backendDurationMs / 2,
      );
      db.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage });
      api.setStatus({ code: SpanStatusCode.ERROR, message: 'internal error' });
    }
    db.end(start + 3 + backendDurationMs / 2);
    logger.emit({
      timestamp: start + 4,
      severityNumber: failed ? SeverityNumber.ERROR : SeverityNumber.INFO,
      severityText: failed ? 'ERROR' : 'INFO',
      body: JSON.stringify(
        failed
          ? { msg: 'home activities failed', error: errorMessage, userId }
          : { msg: i === 0 ? XSS_PAYLOAD : 'home activities', userId, count: i },
      ),
      context: apiContext,
    });
    api.end(start + 2 + backendDurationMs);
    root.end(start + 4 + backendDurationMs);
    traces.push({
      traceId: root.spanContext().traceId,
      frontendSpanId: root.spanContext().spanId,
      backendSpanId: api.spanContext().spanId,
      dbSpanId: db.spanContext().spanId,
      userId,
      backendDurationMs,
      failed,
    });
  }
  await Promise.all([frontend.provider.shutdown(), backend.provider.shutdown(), logs.shutdown()]);

  const failedTrace = traces.find((t) => t.failed)!;
  const rollbar = new Rollbar({
    accessToken: 'local-token',
    endpoint: `${baseUrl}/api/1/item/`,
    environment: 'test',
    captureUncaught: false,
    captureUnhandledRejections: false,
    payload: {
      person: { id: failedTrace.userId, username: failedTrace.userId },
      request: { url: 'http://localhost:4567/api/activities/home', method: 'GET' },
    },
  });
  const error = new Error(errorMessage);
  error.name = 'DatabaseError';
  await new Promise<void>((resolve, reject) => {
    rollbar.error(
      error,
      { trace_id: failedTrace.traceId, span_id: failedTrace.backendSpanId },
      (err: unknown) => (err ? reject(err) : resolve()),
    );
  });
  return { traces, failedTrace, errorMessage };
}
