import { context, propagation, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTelemetryConfig, startTelemetry, TelemetryConfigError } from '../src/node/index.js';
import { parseDaemonDatagram } from '../src/node/xray/xray-segment-document-schema.testing.js';
import { startUdpCapture } from './support/udp-capture.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function udpCapture() {
  const capture = await startUdpCapture();
  cleanups.push(() => capture.close());
  return capture;
}

function start(env: NodeJS.ProcessEnv, warnings: string[] = []) {
  const handle = startTelemetry({
    env,
    instrumentations: [],
    logger: { warn: (message) => warnings.push(message) },
    dropWarningIntervalMs: 100,
  });
  cleanups.push(() => handle.shutdown());
  return handle;
}

/** A server span with one child, as an instrumented request and its service would make. */
function request(userHandle = 'worf'): { traceId: string; serverId: string; childId: string } {
  const tracer = trace.getTracer('xray-test');
  const server = tracer.startSpan(
    'GET /api/activities/@:handle',
    {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': 'GET',
        'url.path': '/api/activities/@worf',
        'server.address': '127.0.0.1',
        'server.port': 4567,
        'http.route': '/api/activities/@:handle',
        'http.response.status_code': 200,
        'app.user_handle': userHandle,
      },
    },
    ROOT_CONTEXT,
  );
  const child = tracer.startSpan('user-activities', {}, trace.setSpan(ROOT_CONTEXT, server));
  child.end();
  server.end();
  return {
    traceId: server.spanContext().traceId,
    serverId: server.spanContext().spanId,
    childId: child.spanContext().spanId,
  };
}

describe('X-Ray export from startTelemetry', () => {
  it('sends a request as one valid segment document with its subsegments nested', async () => {
    const daemon = await udpCapture();
    const handle = start({
      AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.port}`,
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_BSP_SCHEDULE_DELAY: '20',
      OTEL_SERVICE_NAME: 'xray-export-test',
    });
    const ids = request();
    await handle.forceFlush();
    const datagrams = await daemon.waitFor(1);
    // Give a stray second datagram the time to arrive: there must be none.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(datagrams).toHaveLength(1);
    const [segment] = datagrams.map(parseDaemonDatagram);

    const xrayTraceId = `1-${ids.traceId.slice(0, 8)}-${ids.traceId.slice(8)}`;
    expect(segment).toMatchObject({
      id: ids.serverId,
      name: 'xray-export-test',
      trace_id: xrayTraceId,
    });
    expect(segment?.annotations).toEqual({ app_user_handle: 'worf' });
    expect(segment?.subsegments).toEqual([
      expect.objectContaining({ id: ids.childId, name: 'user-activities' }),
    ]);
    // Nested, the trace and the parent go without saying.
    expect(segment?.subsegments?.[0]).not.toHaveProperty('trace_id');
    expect(segment?.subsegments?.[0]).not.toHaveProperty('parent_id');
    expect(handle.xrayStats()).toMatchObject({ exported: 2, dropped: 0 });
  });

  it('makes trace ids X-Ray accepts: the first 32 bits are the epoch second', async () => {
    start({ OTEL_TRACES_EXPORTER: 'none' });
    const { traceId } = request();
    const epoch = Number.parseInt(traceId.slice(0, 8), 16);
    expect(Math.abs(epoch - Date.now() / 1000)).toBeLessThan(5);
  });

  it('indexes the attributes named in XRAY_ANNOTATION_KEYS next to app.user_handle', async () => {
    const daemon = await udpCapture();
    const handle = start({
      AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.port}`,
      XRAY_ANNOTATION_KEYS: 'http.route, http.response.status_code',
      OTEL_TRACES_EXPORTER: 'none',
    });
    const { serverId } = request();
    await handle.forceFlush();
    const documents = (await daemon.waitFor(1)).map(parseDaemonDatagram);
    expect(documents.find((doc) => doc.id === serverId)?.annotations).toEqual({
      app_user_handle: 'worf',
      http_route: '/api/activities/@:handle',
    });
  });

  it('never waits: a burst beyond the queue is dropped, counted and warned about', async () => {
    const daemon = await udpCapture();
    const warnings: string[] = [];
    const handle = start(
      {
        AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.port}`,
        OTEL_TRACES_EXPORTER: 'none',
        OTEL_BSP_MAX_QUEUE_SIZE: '100',
        OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '100',
      },
      warnings,
    );
    const started = performance.now();
    const tracer = trace.getTracer('burst');
    for (let i = 0; i < 5_000; i++) tracer.startSpan('work', {}, ROOT_CONTEXT).end();
    const elapsedMs = performance.now() - started;
    await handle.shutdown();
    const stats = handle.xrayStats();
    expect(stats?.droppedByReason.queue_full).toBeGreaterThan(0);
    expect((stats?.exported ?? 0) + (stats?.dropped ?? 0)).toBe(5_000);
    expect(
      warnings.some((w) => /^\[telemetry\] X-Ray: dropped \d+ spans \(queue_full/.test(w)),
    ).toBe(true);
    // Ending a span is a queue push: 5,000 of them take milliseconds, not a round trip each.
    expect(elapsedMs).toBeLessThan(2_000);
  });

  it('counts spans sent while no daemon listens as failed exports, naming ECONNREFUSED', async () => {
    // A port that was free a moment ago: nothing listens there now.
    const closed = await startUdpCapture();
    const port = closed.port;
    await closed.close();
    const handle = start({
      AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${port}`,
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_BSP_SCHEDULE_DELAY: '10',
    });
    // The kernel reports the refusal on the send after the one that bounced.
    for (let attempt = 0; attempt < 20 && handle.xrayStats()?.dropped === 0; attempt++) {
      request();
      await handle.forceFlush();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(handle.xrayStats()?.droppedByReason.export_failed).toBeGreaterThan(0);
    expect(handle.xrayStats()?.lastExportError).toMatch(/ECONNREFUSED/);
  });

  it('OTEL_SDK_DISABLED=true turns X-Ray off too', async () => {
    const daemon = await udpCapture();
    const handle = start({
      OTEL_SDK_DISABLED: 'true',
      AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.port}`,
    });
    request();
    await handle.forceFlush();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(handle.xrayStats()).toBeUndefined();
    expect(daemon.datagrams).toEqual([]);
  });
});

describe('when X-Ray export is on', () => {
  it('goes to 127.0.0.1:2000 when the local server is the target (nothing configured)', () => {
    expect(parseTelemetryConfig({}).xray).toMatchObject({
      chosenBy: 'local-default',
      daemon: { udp: { host: '127.0.0.1', port: 2000 } },
      annotationKeys: ['app.user_handle'],
    });
  });

  it('is off when OTLP goes elsewhere, unless AWS_XRAY_DAEMON_ADDRESS is set', () => {
    expect(parseTelemetryConfig({ HONEYCOMB_API_KEY: 'k' }).xray).toBeUndefined();
    expect(
      parseTelemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }).xray,
    ).toBeUndefined();
    expect(parseTelemetryConfig({ OTEL_TRACES_EXPORTER: 'none' }).xray).toBeUndefined();
    expect(
      parseTelemetryConfig({ HONEYCOMB_API_KEY: 'k', AWS_XRAY_DAEMON_ADDRESS: 'xray:2000' }).xray,
    ).toMatchObject({ chosenBy: 'daemon-address', daemon: { udp: { host: 'xray', port: 2000 } } });
  });

  it('reads the udp:/tcp: form and the dynamic naming pattern', () => {
    const xray = parseTelemetryConfig({
      AWS_XRAY_DAEMON_ADDRESS: 'tcp:127.0.0.1:2000 udp:127.0.0.1:2001',
      AWS_XRAY_URL: '*4567-*',
    }).xray;
    expect(xray).toMatchObject({
      daemon: { udp: { port: 2001 }, tcp: { port: 2000 } },
      dynamicNamingPattern: '*4567-*',
    });
  });

  it('rejects a malformed AWS_XRAY_DAEMON_ADDRESS at start-up, naming it', () => {
    expect(() => parseTelemetryConfig({ AWS_XRAY_DAEMON_ADDRESS: 'udp:127.0.0.1:2000' })).toThrow(
      TelemetryConfigError,
    );
    expect(() => parseTelemetryConfig({ AWS_XRAY_DAEMON_ADDRESS: 'nohost' })).toThrow(
      /AWS_XRAY_DAEMON_ADDRESS="nohost"/,
    );
  });
});

describe('propagation of traceparent and X-Amzn-Trace-Id', () => {
  const xrayHeader = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';

  it('outgoing requests carry both headers, naming the same trace and parent', () => {
    start({ OTEL_TRACES_EXPORTER: 'none' });
    const span = trace.getTracer('t').startSpan('call', {}, ROOT_CONTEXT);
    const headers: Record<string, string> = {};
    propagation.inject(trace.setSpan(ROOT_CONTEXT, span), headers);
    span.end();
    const { traceId, spanId } = span.spanContext();
    expect(headers.traceparent).toBe(`00-${traceId}-${spanId}-01`);
    expect(headers['x-amzn-trace-id']).toBe(
      `Root=1-${traceId.slice(0, 8)}-${traceId.slice(8)};Parent=${spanId};Sampled=1`,
    );
  });

  it('an incoming X-Amzn-Trace-Id alone continues the X-Ray trace', () => {
    start({ OTEL_TRACES_EXPORTER: 'none' });
    const parent = trace.getSpanContext(
      propagation.extract(ROOT_CONTEXT, { 'x-amzn-trace-id': xrayHeader }),
    );
    expect(parent).toMatchObject({
      traceId: '5759e988bd862e3fe1be46a994272793',
      spanId: '53995c3f42cd8ad8',
      isRemote: true,
    });
    const child = trace
      .getTracer('t')
      .startSpan('handle', {}, trace.setSpanContext(ROOT_CONTEXT, parent!));
    expect(child.spanContext().traceId).toBe('5759e988bd862e3fe1be46a994272793');
    child.end();
  });

  it('with both headers, traceparent decides; an X-Ray header without Parent is ignored', () => {
    start({ OTEL_TRACES_EXPORTER: 'none' });
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const both = propagation.extract(ROOT_CONTEXT, {
      traceparent,
      'x-amzn-trace-id': xrayHeader,
    });
    expect(trace.getSpanContext(both)?.spanId).toBe('00f067aa0ba902b7');
    const rootOnly = propagation.extract(context.active(), {
      'x-amzn-trace-id': 'Root=1-5759e988-bd862e3fe1be46a994272793',
    });
    expect(trace.getSpanContext(rootOnly)).toBeUndefined();
  });

  it('OTEL_PROPAGATORS=tracecontext leaves X-Amzn-Trace-Id out', () => {
    start({ OTEL_TRACES_EXPORTER: 'none', OTEL_PROPAGATORS: 'tracecontext' });
    expect(propagation.fields()).toEqual(['traceparent', 'tracestate']);
  });
});
