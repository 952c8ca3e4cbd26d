import { setImmediate as nextTurn } from 'node:timers/promises';
import { trace } from '@opentelemetry/api';
import { NoopSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { startTelemetry } from '../src/node/index.js';
import { closedPortUrl, startBlackHole } from './support/dead-endpoints.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const spanCount = 10_000;
const warningIntervalMs = 200;

/** Ends 10k spans the way a busy app would (yielding between bursts); returns elapsed ms. */
async function endManySpans(): Promise<number> {
  const tracer = trace.getTracer('load');
  const started = performance.now();
  for (let burst = 0; burst < spanCount / 100; burst++) {
    for (let i = 0; i < 100; i++) {
      const span = tracer.startSpan('request', { attributes: { 'http.route': '/api/x', i } });
      span.end();
    }
    await nextTurn();
  }
  return performance.now() - started;
}

/** Time for the same load with real SDK spans but nothing exported (a processor that discards). */
async function baselineMs(): Promise<number> {
  const handle = startTelemetry({
    env: { OTEL_TRACES_EXPORTER: 'none' },
    instrumentations: [],
    spanProcessors: [new NoopSpanProcessor()],
  });
  await endManySpans(); // warm-up: JIT and allocation, so the comparison is fair
  const elapsed = await endManySpans();
  await handle.shutdown();
  return elapsed;
}

async function measureAgainst(endpoint: string) {
  const baseline = await baselineMs();
  const warnings: string[] = [];
  const handle = startTelemetry({
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_TIMEOUT: '300',
      OTEL_BSP_EXPORT_TIMEOUT: '500',
      OTEL_BSP_SCHEDULE_DELAY: '20',
    },
    instrumentations: [],
    logger: { warn: (message) => warnings.push(message) },
    dropWarningIntervalMs: warningIntervalMs,
  });
  let stopped = false;
  cleanups.push(async () => {
    if (!stopped) await handle.shutdown();
  });
  const watchStarted = performance.now();
  await endManySpans();
  const elapsed = await endManySpans();
  // Let a few warning intervals pass with exports failing in the background.
  await new Promise((resolve) => setTimeout(resolve, warningIntervalMs * 4));
  const watchedMs = performance.now() - watchStarted;
  const statsBeforeShutdown = handle.stats();
  const warningsBeforeShutdown = warnings.length;
  const shutdownStarted = performance.now();
  await handle.shutdown();
  stopped = true;
  return {
    baseline,
    elapsed,
    watchedMs,
    stats: statsBeforeShutdown,
    warnings,
    warningsBeforeShutdown,
    shutdownMs: performance.now() - shutdownStarted,
  };
}

function expectNeverWaited(result: Awaited<ReturnType<typeof measureAgainst>>) {
  if (process.env.TELEMETRY_TEST_VERBOSE) console.log(JSON.stringify(result, null, 1));
  // Generous on purpose (CI is noisy): a blocking exporter would be orders of magnitude slower.
  expect(result.elapsed).toBeLessThan(result.baseline * 3 + 150);
  expect(result.stats.dropped).toBeGreaterThan(0);
  expect(result.stats.exported).toBe(0);
  // Memory stays bounded: never more than the queue holds.
  expect(result.stats.queued).toBeLessThanOrEqual(2048);
  expect(result.stats.dropped + result.stats.queued).toBeLessThanOrEqual(2 * spanCount);
  // One warning per interval at most, not one per span.
  expect(result.warningsBeforeShutdown).toBeGreaterThanOrEqual(1);
  expect(result.warningsBeforeShutdown).toBeLessThanOrEqual(
    Math.ceil(result.watchedMs / warningIntervalMs) + 1,
  );
  for (const warning of result.warnings)
    expect(warning).toMatch(/^\[telemetry\] dropped \d+ spans \(/);
  expect(result.shutdownMs).toBeLessThan(2_500);
}

describe('the app never waits on telemetry', () => {
  it('is as fast with the exporter pointed at a closed port', async () => {
    const result = await measureAgainst(await closedPortUrl());
    expectNeverWaited(result);
    // A refused connection fails fast, so batches are dropped as failed exports.
    expect(result.stats.droppedByReason.export_failed).toBeGreaterThan(0);
    expect(result.stats.lastExportError).toMatch(/ECONNREFUSED/);
  });

  it('is as fast with the exporter pointed at a server that never answers', async () => {
    const blackHole = await startBlackHole();
    cleanups.push(() => blackHole.close());
    const result = await measureAgainst(blackHole.url);
    expectNeverWaited(result);
    // Each batch hangs until its timeout, so the bounded queue overflows meanwhile.
    expect(result.stats.droppedByReason.queue_full).toBeGreaterThan(0);
    expect(
      result.stats.droppedByReason.export_failed + result.stats.droppedByReason.export_timeout,
    ).toBeGreaterThan(0);
  });

  it('never throws from its logger or after shutdown', async () => {
    const handle = startTelemetry({
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: await closedPortUrl(),
        OTEL_EXPORTER_OTLP_TIMEOUT: '200',
      },
      instrumentations: [],
      logger: {
        warn: () => {
          throw new Error('logger is broken');
        },
      },
      dropWarningIntervalMs: 20,
    });
    trace.getTracer('t').startSpan('x').end();
    await handle.forceFlush();
    await new Promise((resolve) => setTimeout(resolve, 60));
    await handle.shutdown();
    await handle.shutdown();
    await handle.forceFlush();
    expect(handle.stats().droppedByReason.export_failed).toBe(1);
  });
});
