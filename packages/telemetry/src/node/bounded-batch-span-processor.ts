import { type Context, context, TraceFlags } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode, suppressTracing } from '@opentelemetry/core';
import type {
  ReadableSpan,
  Span,
  SpanExporter,
  SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { BatchPump } from './batch-pump.js';
import type { SpanCounters } from './span-counters.js';
import { withDeadline } from './with-deadline.js';

export interface BoundedBatchOptions {
  exporter: SpanExporter;
  counters: SpanCounters;
  maxQueueSize: number;
  maxExportBatchSize: number;
  scheduledDelayMs: number;
  /** How long one batch may take before it is counted as dropped and the next one starts. */
  exportTimeoutMs: number;
}

/** The longest shutdown waits for a last export. */
const SHUTDOWN_FLUSH_LIMIT_MS = 5_000;

/**
 * A batch span processor that never makes the app wait: `onEnd` is an O(1) push onto a bounded
 * queue (a full queue drops and counts the span), exports run one batch at a time off the request
 * path, and a batch that fails or outlives its timeout is counted as dropped instead of retried
 * forever. Unlike the SDK's BatchSpanProcessor it exposes those counts (see `SpanCounters`).
 *
 * @example
 * const processor = new BoundedBatchSpanProcessor({ exporter, counters, maxQueueSize: 2048,
 *   maxExportBatchSize: 512, scheduledDelayMs: 5000, exportTimeoutMs: 30000 });
 */
export class BoundedBatchSpanProcessor implements SpanProcessor {
  private queue: ReadableSpan[] = [];
  private readonly pump: BatchPump;
  private shutdownOnce: Promise<void> | undefined;

  constructor(private readonly options: BoundedBatchOptions) {
    this.pump = new BatchPump({
      delayMs: options.scheduledDelayMs,
      queued: () => this.queue.length,
      full: () => this.queue.length >= options.maxExportBatchSize,
      sendNext: () => this.exportBatch(this.queue.splice(0, options.maxExportBatchSize)),
    });
  }

  get queued(): number {
    return this.queue.length;
  }

  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    if (this.shutdownOnce !== undefined) {
      this.options.counters.recordDropped('shutdown', 1);
      return;
    }
    if (this.queue.length >= this.options.maxQueueSize) {
      this.options.counters.recordDropped('queue_full', 1);
      return;
    }
    this.queue.push(span);
    // Serializing a batch is real CPU work; the pump defers it so the span's owner never pays.
    this.pump.schedule();
  }

  /** Exports everything queued now; resolves when done (never rejects). */
  forceFlush(): Promise<void> {
    return this.pump.flush();
  }

  /**
   * Flushes what is queued within one export timeout (at most 5 s: stopping a process must not
   * wait 30 s on a dead backend), counts the rest as dropped, then shuts the exporter down (also
   * bounded: a black-hole backend must not hang the process's exit).
   */
  shutdown(): Promise<void> {
    this.shutdownOnce ??= this.shutDown();
    return this.shutdownOnce;
  }

  private async shutDown(): Promise<void> {
    const deadline = Date.now() + Math.min(this.options.exportTimeoutMs, SHUTDOWN_FLUSH_LIMIT_MS);
    this.pump.stop(deadline);
    await this.pump.flush();
    const abandoned = this.queue.length;
    this.queue = [];
    if (abandoned > 0) this.options.counters.recordDropped('shutdown', abandoned);
    await withDeadline(
      this.options.exporter.shutdown().catch(() => undefined),
      Math.max(deadline, Date.now() + 1_000),
    );
  }

  private exportBatch(batch: ReadableSpan[]): Promise<void> {
    const { counters, exporter } = this.options;
    const { deadline } = this.pump;
    const exportTimeoutMs =
      deadline === undefined
        ? this.options.exportTimeoutMs
        : Math.max(0, Math.min(this.options.exportTimeoutMs, deadline - Date.now()));
    return new Promise<void>((resolve) => {
      let settled = false;
      const settle = (result: ExportResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timeout);
        if (result.code === ExportResultCode.SUCCESS) counters.recordExported(batch.length);
        else counters.recordDropped('export_failed', batch.length, describe(result.error));
        resolve();
      };
      const timeout = setTimeout(() => {
        if (settled) return;
        settled = true;
        counters.recordDropped(
          'export_timeout',
          batch.length,
          `export did not finish within ${exportTimeoutMs} ms`,
        );
        resolve();
      }, exportTimeoutMs);
      timeout.unref();
      void this.waitForResources(batch).then(() => {
        if (settled) return;
        try {
          // The exporter's own HTTP request must not be traced, or every export makes more spans.
          context.with(suppressTracing(context.active()), () => exporter.export(batch, settle));
        } catch (error) {
          settle({ code: ExportResultCode.FAILED, error: error as Error });
        }
      });
    });
  }

  /** Host and process detectors may resolve some resource attributes asynchronously. */
  private async waitForResources(batch: ReadableSpan[]): Promise<void> {
    const pending = new Set(
      batch.map((span) => span.resource).filter((resource) => resource.asyncAttributesPending),
    );
    for (const resource of pending)
      await resource.waitForAsyncAttributes?.().catch(() => undefined);
  }
}

function describe(error: Error | undefined): string {
  if (error === undefined) return 'export failed';
  const cause = (error as { cause?: unknown }).cause;
  const code = (error as { code?: unknown }).code;
  const detail = [error.message, typeof code === 'string' ? code : undefined]
    .filter((part) => part !== undefined && part !== '')
    .join(' ');
  return cause instanceof Error ? `${detail} (${cause.message})` : detail || error.name;
}
