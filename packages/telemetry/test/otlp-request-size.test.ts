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

/** Ends 512 root spans under `env` and flushes them (the timer never fires first). */
async function export512Spans(env: Record<string, string>) {
  const otlp = await startCaptureServer();
  cleanups.push(() => otlp.close());
  const handle = startTelemetry({
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
      OTEL_LOGS_EXPORTER: 'none',
      OTEL_BSP_SCHEDULE_DELAY: '60000',
      ...env,
    },
    instrumentations: [],
  });
  cleanups.push(() => handle.shutdown());
  const tracer = trace.getTracer('request-size-test');
  for (let i = 0; i < 512; i++) tracer.startSpan(`s${i}`, {}, ROOT_CONTEXT).end();
  await handle.forceFlush();
  const traceRequests = otlp.requests.filter((request) => request.path === '/v1/traces');
  return { traceRequests, stats: handle.stats() };
}

it('sends OTLP requests of 128 spans by default, so no encode holds the loop long', async () => {
  const { traceRequests, stats } = await export512Spans({});
  expect(traceRequests).toHaveLength(4);
  expect(stats).toMatchObject({ exported: 512, dropped: 0 });
});

it('honours OTEL_BSP_MAX_EXPORT_BATCH_SIZE when it is set', async () => {
  const { traceRequests } = await export512Spans({ OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '512' });
  expect(traceRequests).toHaveLength(1);
});
