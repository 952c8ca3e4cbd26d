import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { startTelemetry, type TelemetryHandle } from '../src/node/index.js';
import { type CapturedRequest, startCaptureServer } from './support/capture-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts telemetry with only `env`, makes one span, flushes, and returns what left the process. */
async function oneSpanWith(env: NodeJS.ProcessEnv): Promise<{
  requests: CapturedRequest[];
  memory: InMemorySpanExporter;
  handle: TelemetryHandle;
}> {
  const memory = new InMemorySpanExporter();
  const handle = startTelemetry({
    env,
    instrumentations: [],
    spanProcessors: [new SimpleSpanProcessor(memory)],
    logger: { warn: () => undefined },
  });
  cleanups.push(() => handle.shutdown());
  trace.getTracer('env-test').startSpan('work').end();
  await handle.forceFlush();
  return { requests: captured.requests, memory, handle };
}

let captured: Awaited<ReturnType<typeof startCaptureServer>>;
async function capture(): Promise<string> {
  captured = await startCaptureServer();
  const server = captured;
  cleanups.push(() => server.close());
  return server.url;
}

describe('startTelemetry reads the standard environment', () => {
  it('appends /v1/traces to OTEL_EXPORTER_OTLP_ENDPOINT and sends OTEL_EXPORTER_OTLP_HEADERS', async () => {
    const url = await capture();
    const { requests, handle } = await oneSpanWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: `${url}/base`,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-honeycomb-team=from-headers,x-extra=1',
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/base/v1/traces',
      headers: {
        'content-type': 'application/x-protobuf',
        'x-honeycomb-team': 'from-headers',
        'x-extra': '1',
      },
    });
    expect(handle.stats()).toMatchObject({ exported: 1, dropped: 0, queued: 0 });
  });

  it('uses OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as-is, over the generic endpoint', async () => {
    const url = await capture();
    const { requests } = await oneSpanWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9/never',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${url}/custom/path`,
    });
    expect(requests.map((r) => r.path)).toEqual(['/custom/path']);
  });

  it('sends to Honeycomb with x-honeycomb-team when only HONEYCOMB_API_KEY is set', async () => {
    // HONEYCOMB_API_ENDPOINT (as Honeycomb's own distros read it) keeps the test on loopback.
    const url = await capture();
    const { requests, handle } = await oneSpanWith({
      HONEYCOMB_API_KEY: 'hc-secret',
      HONEYCOMB_API_ENDPOINT: url,
    });
    expect(handle.config.otlp.chosenBy).toBe('honeycomb-api-key');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.path).toBe('/v1/traces');
    expect(requests[0]?.headers['x-honeycomb-team']).toBe('hc-secret');
  });

  it('gzips when OTEL_EXPORTER_OTLP_COMPRESSION=gzip', async () => {
    const url = await capture();
    const { requests } = await oneSpanWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: url,
      OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
    });
    expect(requests[0]?.headers['content-encoding']).toBe('gzip');
  });

  it('builds the resource from OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES and defaults', async () => {
    const url = await capture();
    const { memory } = await oneSpanWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: url,
      OTEL_SERVICE_NAME: 'orders',
      OTEL_RESOURCE_ATTRIBUTES: 'service.name=ignored,team=core,note=a%3Db',
      npm_package_version: '4.5.6',
      NODE_ENV: 'test',
    });
    const [span] = memory.getFinishedSpans();
    expect(span?.resource.attributes).toMatchObject({
      'service.name': 'orders',
      'service.version': '4.5.6',
      'deployment.environment': 'test',
      team: 'core',
      note: 'a=b',
      'telemetry.sdk.language': 'nodejs',
    });
  });

  it('exports nothing and makes no spans when OTEL_SDK_DISABLED=true', async () => {
    const url = await capture();
    const { requests, memory, handle } = await oneSpanWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: url,
      OTEL_SDK_DISABLED: 'true',
    });
    expect(requests).toEqual([]);
    expect(memory.getFinishedSpans()).toEqual([]);
    expect(handle.stats()).toMatchObject({ exported: 0, dropped: 0 });
  });

  it('samples nothing with OTEL_TRACES_SAMPLER=always_off', async () => {
    const url = await capture();
    const { requests, memory } = await oneSpanWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: url,
      OTEL_TRACES_SAMPLER: 'always_off',
    });
    expect(requests).toEqual([]);
    expect(memory.getFinishedSpans()).toEqual([]);
  });

  it('samples by ratio with OTEL_TRACES_SAMPLER=traceidratio and OTEL_TRACES_SAMPLER_ARG', async () => {
    const url = await capture();
    const { handle } = await oneSpanWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: url,
      OTEL_TRACES_SAMPLER: 'traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0',
    });
    expect(handle.stats().exported).toBe(0);
    const tracer = trace.getTracer('ratio');
    for (let i = 0; i < 50; i++) tracer.startSpan('maybe').end();
    await handle.forceFlush();
    expect(captured.requests).toEqual([]);
  });

  it('honours OTEL_TRACES_EXPORTER=none', async () => {
    const url = await capture();
    const { requests, memory } = await oneSpanWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: url,
      OTEL_TRACES_EXPORTER: 'none',
    });
    expect(requests).toEqual([]);
    expect(memory.getFinishedSpans()).toHaveLength(1);
  });

  it('honours OTEL_PROPAGATORS for inject', async () => {
    const url = await capture();
    const { propagation, context } = await import('@opentelemetry/api');
    await oneSpanWith({ OTEL_EXPORTER_OTLP_ENDPOINT: url, OTEL_PROPAGATORS: 'none' });
    const span = trace.getTracer('p').startSpan('outer');
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(context.active(), span), carrier);
    span.end();
    expect(carrier).toEqual({});
    await cleanups.pop()?.();
    await oneSpanWith({ OTEL_EXPORTER_OTLP_ENDPOINT: url });
    const second = trace.getTracer('p').startSpan('outer');
    propagation.inject(trace.setSpan(context.active(), second), carrier);
    second.end();
    expect(carrier.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('exports in batches of OTEL_BSP_MAX_EXPORT_BATCH_SIZE', async () => {
    const url = await capture();
    const { handle } = await oneSpanWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: url,
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '10',
      OTEL_BSP_SCHEDULE_DELAY: '60000',
    });
    const tracer = trace.getTracer('batch');
    for (let i = 0; i < 25; i++) tracer.startSpan(`s${i}`).end();
    await handle.forceFlush();
    // one request for the first span, then 10 + 10 + 5
    expect(captured.requests).toHaveLength(4);
    expect(handle.stats().exported).toBe(26);
  });

  it('throws a clear error at start-up on invalid configuration', () => {
    expect(() =>
      startTelemetry({ env: { OTEL_BSP_EXPORT_TIMEOUT: '-5' }, instrumentations: [] }),
    ).toThrow(/Invalid telemetry configuration:\n.*OTEL_BSP_EXPORT_TIMEOUT="-5"/);
  });
});
