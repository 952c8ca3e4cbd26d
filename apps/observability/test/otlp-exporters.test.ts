import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter as OTLPLogExporterHttp } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as OTLPLogExporterProto } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPTraceExporter as OTLPTraceExporterHttp } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPTraceExporterProto } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import type { RunningServer } from '../src/server.js';
import { startServer } from '../src/server.js';
import { runHoneycombQuery } from './support/honeycomb-client.js';
import { forget, startTestServer, stopAllServers, tempDataFile } from './support/running-server.js';
import { average, groupBy, percentile } from './support/truth.js';

interface SentSpan {
  userId: string;
  route: string;
  durationMs: number;
  minuteAgo: number;
  error: boolean;
}

const USERS = ['andrewbrown', 'worf', 'garek', 'ro', 'data'];
const ROUTES = ['/api/activities/home', '/api/activities/@:handle', '/api/messages'];
const NOW_MS = Date.now();
const START_MINUTE_MS = Math.floor(NOW_MS / 60_000) * 60_000;

/** Deterministic, varied durations so percentiles and averages are non-trivial. */
function plan(count: number): SentSpan[] {
  return Array.from({ length: count }, (_, i) => ({
    userId: USERS[(i * 7) % USERS.length]!,
    route: ROUTES[i % ROUTES.length]!,
    durationMs: 1 + ((i * 37) % 97) + (i % 10 === 0 ? 400 : 0),
    minuteAgo: 1 + (i % 4),
    error: i % 13 === 0,
  }));
}

async function exportSpans(
  exporter: SpanExporter,
  service: string,
  spans: readonly SentSpan[],
): Promise<void> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'service.version': '1.2.3' }),
    spanProcessors: [new BatchSpanProcessor(exporter, { maxExportBatchSize: 64 })],
  });
  const tracer = provider.getTracer('cruddur-test', '0.0.1');
  for (const sent of spans) {
    const startMs = START_MINUTE_MS - sent.minuteAgo * 60_000 + 1_000;
    const span = tracer.startSpan(`GET ${sent.route}`, {
      kind: SpanKind.SERVER,
      startTime: startMs,
      attributes: {
        'app.userId': sent.userId,
        'http.route': sent.route,
        'http.response.status_code': sent.error ? 500 : 200,
      },
    });
    if (sent.error) span.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
    span.end(startMs + sent.durationMs);
  }
  await provider.forceFlush();
  await provider.shutdown();
}

describe('OTLP from the real OpenTelemetry exporters, queried through the Honeycomb API', () => {
  let server: RunningServer;
  const protoSpans = plan(300);
  const jsonSpans = plan(120);

  beforeAll(async () => {
    server = await startTestServer({ data: tempDataFile() });
    await exportSpans(
      new OTLPTraceExporterProto({ url: `${server.url}/v1/traces` }),
      'cruddur-backend',
      protoSpans,
    );
    await exportSpans(
      new OTLPTraceExporterHttp({ url: `${server.url}/v1/traces` }),
      'cruddur-json',
      jsonSpans,
    );
  });
  afterAll(stopAllServers);

  it('answers AVG, P99 and the other calculations per app.userId exactly', async () => {
    const home = protoSpans.filter((s) => s.route === '/api/activities/home');
    const data = await runHoneycombQuery(server.url, 'cruddur-backend', {
      time_range: 3600,
      calculations: [
        { op: 'COUNT' },
        { op: 'AVG', column: 'duration_ms' },
        { op: 'P99', column: 'duration_ms' },
        { op: 'P50', column: 'duration_ms' },
        { op: 'MIN', column: 'duration_ms' },
        { op: 'MAX', column: 'duration_ms' },
        { op: 'SUM', column: 'duration_ms' },
      ],
      filters: [{ column: 'http.route', op: '=', value: '/api/activities/home' }],
      breakdowns: ['app.userId'],
      orders: [{ op: 'AVG', column: 'duration_ms', order: 'descending' }],
    });
    const truth = groupBy(home, (s) => s.userId);
    expect(data.results).toHaveLength(truth.size);
    for (const { data: row } of data.results) {
      const durations = truth.get(String(row['app.userId']))!.map((s) => s.durationMs);
      expect(row.COUNT).toBe(durations.length);
      expect(row['AVG(duration_ms)']).toBeCloseTo(average(durations), 6);
      expect(row['P99(duration_ms)']).toBeCloseTo(percentile(durations, 0.99), 6);
      expect(row['P50(duration_ms)']).toBeCloseTo(percentile(durations, 0.5), 6);
      expect(row['MIN(duration_ms)']).toBeCloseTo(Math.min(...durations), 6);
      expect(row['MAX(duration_ms)']).toBeCloseTo(Math.max(...durations), 6);
      expect(row['SUM(duration_ms)']).toBeCloseTo(
        durations.reduce((a, b) => a + b, 0),
        6,
      );
    }
    const averages = data.results.map((r) => Number(r.data['AVG(duration_ms)']));
    expect(averages).toEqual([...averages].sort((a, b) => b - a));
  });

  it('counts distinct users, error spans and applies havings', async () => {
    const data = await runHoneycombQuery(server.url, 'cruddur-backend', {
      time_range: 3600,
      calculations: [
        { op: 'COUNT_DISTINCT', column: 'app.userId', name: 'users' },
        { op: 'COUNT' },
      ],
      breakdowns: ['http.route', 'error'],
      havings: [{ calculate_op: 'COUNT', op: '>', value: 10 }],
    });
    const truth = groupBy(protoSpans, (s) => `${s.route}|${s.error}`);
    const expected = [...truth.entries()].filter(([, spans]) => spans.length > 10);
    expect(data.results).toHaveLength(expected.length);
    for (const { data: row } of data.results) {
      const spans = truth.get(`${row['http.route']}|${row.error}`)!;
      expect(row.COUNT).toBe(spans.length);
      expect(row.users).toBe(new Set(spans.map((s) => s.userId)).size);
    }
  });

  it('buckets a heatmap whose counts sum to COUNT', async () => {
    const data = await runHoneycombQuery(server.url, 'cruddur-backend', {
      time_range: 3600,
      calculations: [{ op: 'HEATMAP', column: 'duration_ms' }, { op: 'COUNT' }],
    });
    const row = data.results[0]!.data;
    const heatmap = row['HEATMAP(duration_ms)'] as {
      buckets: { lower: number; upper: number; count: number }[];
    };
    expect(heatmap.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(protoSpans.length);
    expect(row.COUNT).toBe(protoSpans.length);
    for (const sent of protoSpans.slice(0, 20)) {
      expect(
        heatmap.buckets.some((b) => b.lower <= sent.durationMs && sent.durationMs <= b.upper),
      ).toBe(true);
    }
  });

  it('returns a time series with one entry per bucket and group', async () => {
    const data = await runHoneycombQuery(server.url, 'cruddur-backend', {
      start_time: START_MINUTE_MS / 1000 - 4 * 60,
      end_time: START_MINUTE_MS / 1000,
      granularity: 60,
      calculations: [{ op: 'COUNT' }],
      breakdowns: ['http.route'],
    });
    const truth = groupBy(
      protoSpans,
      (s) => `${START_MINUTE_MS - s.minuteAgo * 60_000}|${s.route}`,
    );
    const nonEmpty = data.series.filter((point) => Number(point.data.COUNT ?? 0) > 0);
    expect(nonEmpty).toHaveLength(truth.size);
    for (const point of nonEmpty) {
      const spans = truth.get(`${Date.parse(point.time)}|${point.data['http.route']}`);
      expect(point.data.COUNT).toBe(spans?.length);
    }
  });

  it('stores the JSON exporter\u2019s spans in their own dataset with the same numbers', async () => {
    const data = await runHoneycombQuery(server.url, 'cruddur-json', {
      time_range: 3600,
      calculations: [{ op: 'COUNT' }, { op: 'AVG', column: 'duration_ms' }],
    });
    expect(data.results[0]?.data.COUNT).toBe(jsonSpans.length);
    expect(data.results[0]?.data['AVG(duration_ms)']).toBeCloseTo(
      average(jsonSpans.map((s) => s.durationMs)),
      6,
    );
    const all = await runHoneycombQuery(server.url, '__all__', {
      time_range: 3600,
      calculations: [{ op: 'COUNT' }],
    });
    expect(all.results[0]?.data.COUNT).toBe(jsonSpans.length + protoSpans.length);
  });

  it('keeps every span, attribute and resource attribute across a restart on the same file', async () => {
    const data = tempDataFile();
    const first = await startServer(loadConfig(['--http-port', '0', '--data', data], {}));
    await exportSpans(
      new OTLPTraceExporterProto({ url: `${first.url}/v1/traces` }),
      'restart-svc',
      protoSpans.slice(0, 50),
    );
    await first.stop();
    const second = await startTestServer({ data });
    const result = await runHoneycombQuery(second.url, 'restart-svc', {
      time_range: 3600,
      calculations: [{ op: 'COUNT' }],
      breakdowns: ['service.version'],
    });
    expect(result.results).toEqual([{ data: { COUNT: 50, 'service.version': '1.2.3' } }]);
    forget(first);
  });
});

describe('OTLP logs from the real log exporters', () => {
  afterAll(stopAllServers);

  it('stores protobuf and JSON log records with severity, body, attributes and trace context', async () => {
    const server = await startTestServer();
    for (const [exporter, service] of [
      [new OTLPLogExporterProto({ url: `${server.url}/v1/logs` }), 'logs-proto'],
      [new OTLPLogExporterHttp({ url: `${server.url}/v1/logs` }), 'logs-json'],
    ] as const) {
      const provider = new LoggerProvider({
        resource: resourceFromAttributes({ 'service.name': service }),
        processors: [new BatchLogRecordProcessor({ exporter })],
      });
      const logger = provider.getLogger('cruddur-test');
      for (let i = 0; i < 30; i++) {
        logger.emit({
          severityNumber: i % 3 === 0 ? SeverityNumber.ERROR : SeverityNumber.INFO,
          severityText: i % 3 === 0 ? 'ERROR' : 'INFO',
          body: `request ${i}`,
          attributes: { 'http.status_code': i % 3 === 0 ? 500 : 200, 'app.userId': USERS[i % 5]! },
        });
      }
      await provider.forceFlush();
      await provider.shutdown();
      const data = await runHoneycombQuery(server.url, service, {
        time_range: 600,
        calculations: [{ op: 'COUNT' }, { op: 'AVG', column: 'http.status_code' }],
        breakdowns: ['severity'],
        orders: [{ column: 'severity', order: 'ascending' }],
      });
      expect(data.results).toEqual([
        { data: { severity: 'ERROR', COUNT: 10, 'AVG(http.status_code)': 500 } },
        { data: { severity: 'INFO', COUNT: 20, 'AVG(http.status_code)': 200 } },
      ]);
    }
  });
});
