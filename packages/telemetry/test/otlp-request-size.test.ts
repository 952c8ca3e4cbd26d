import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { afterEach, expect, it } from 'vitest';
import { startTelemetry } from '../src/node/index.js';
import { startCaptureServer } from './support/capture-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  // Each test starts its own SDK, which registers itself as the global tracer provider.
  trace.disable();
});

it('sends OTLP requests of 128 spans by default, so no encode holds the loop long', async () => {
  const otlp = await startCaptureServer();
  cleanups.push(() => otlp.close());
  const handle = startTelemetry({
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
      OTEL_LOGS_EXPORTER: 'none',
      OTEL_BSP_SCHEDULE_DELAY: '60000',
    },
    instrumentations: [],
  });
  cleanups.push(() => handle.shutdown());
  const tracer = trace.getTracer('request-size-test');
  for (let i = 0; i < 512; i++) tracer.startSpan(`s${i}`, {}, ROOT_CONTEXT).end();
  await handle.forceFlush();

  const traceRequests = otlp.requests.filter((request) => request.path === '/v1/traces');
  expect(traceRequests).toHaveLength(4);
  expect(handle.stats()).toMatchObject({ exported: 512, dropped: 0 });
});

it('honours OTEL_BSP_MAX_EXPORT_BATCH_SIZE when it is set', async () => {
  const wide = await startCaptureServer();
  cleanups.push(() => wide.close());
  const chosen = startTelemetry({
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: wide.url,
      OTEL_LOGS_EXPORTER: 'none',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '512',
      OTEL_BSP_SCHEDULE_DELAY: '60000',
    },
    instrumentations: [],
  });
  cleanups.push(() => chosen.shutdown());
  const wideTracer = trace.getTracer('request-size-test-512');
  for (let i = 0; i < 512; i++) wideTracer.startSpan(`s${i}`, {}, ROOT_CONTEXT).end();
  await chosen.forceFlush();
  expect(wide.requests.filter((request) => request.path === '/v1/traces')).toHaveLength(1);
});
