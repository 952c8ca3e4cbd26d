import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { BoundedBatchSpanProcessor } from './bounded-batch-span-processor.js';
import { SpanCounters } from './span-counters.js';

/** An exporter whose calls stay pending until the test settles them. */
function manualExporter() {
  const calls: { spans: ReadableSpan[]; done: (result: ExportResult) => void }[] = [];
  const exporter: SpanExporter = {
    export: (spans, done) => calls.push({ spans, done }),
    shutdown: () => Promise.resolve(),
  };
  return { exporter, calls };
}

function setup(exporter: SpanExporter, overrides: { exportTimeoutMs?: number } = {}) {
  const counters = new SpanCounters();
  const processor = new BoundedBatchSpanProcessor({
    exporter,
    counters,
    maxQueueSize: 4,
    maxExportBatchSize: 2,
    scheduledDelayMs: 60_000,
    exportTimeoutMs: overrides.exportTimeoutMs ?? 60_000,
  });
  const tracer = new BasicTracerProvider({ spanProcessors: [processor] }).getTracer('t');
  const endSpans = (n: number) => {
    for (let i = 0; i < n; i++) tracer.startSpan(`s${i}`).end();
  };
  return { counters, processor, endSpans };
}

describe('BoundedBatchSpanProcessor', () => {
  it('drops and counts spans beyond the queue size without exporting inline', () => {
    const { exporter, calls } = manualExporter();
    const { counters, processor, endSpans } = setup(exporter);
    endSpans(10);
    expect(calls).toHaveLength(0); // export is deferred off the span's call stack
    expect(processor.queued).toBe(4);
    expect(counters.droppedByReason.queue_full).toBe(6);
  });

  it('counts failed batches as dropped and successful ones as exported', async () => {
    const { exporter, calls } = manualExporter();
    const { counters, processor, endSpans } = setup(exporter);
    endSpans(4);
    const flushed = processor.forceFlush();
    await Promise.resolve();
    calls[0]?.done({ code: ExportResultCode.FAILED, error: new Error('boom') });
    await new Promise((resolve) => setImmediate(resolve));
    calls[1]?.done({ code: ExportResultCode.SUCCESS });
    await flushed;
    expect(counters.snapshot(processor.queued)).toMatchObject({
      exported: 2,
      dropped: 2,
      droppedByReason: { export_failed: 2 },
      lastExportError: 'boom',
      queued: 0,
    });
  });

  it('gives up on a batch after the export timeout and shuts down in bounded time', async () => {
    const { exporter } = manualExporter();
    const { counters, processor, endSpans } = setup(exporter, { exportTimeoutMs: 50 });
    endSpans(3);
    const started = performance.now();
    await processor.shutdown();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(counters.droppedByReason.export_timeout + counters.droppedByReason.shutdown).toBe(3);
    endSpans(1);
    expect(counters.droppedByReason.shutdown).toBeGreaterThanOrEqual(1);
  });
});
