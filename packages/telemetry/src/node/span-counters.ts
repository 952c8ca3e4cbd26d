import { DropCounts } from './drop-counts.js';

/** Why a finished span never reached the backend. */
export type DropReason = 'queue_full' | 'export_failed' | 'export_timeout' | 'shutdown';

/** A point-in-time view of what happened to finished, sampled spans. */
export interface TelemetryStats {
  exported: number;
  dropped: number;
  droppedByReason: Record<DropReason, number>;
  /** Spans waiting in the batch queues right now. */
  queued: number;
  /** The message of the most recent failed export, if any. */
  lastExportError: string | undefined;
}

/**
 * Plain counters shared by every exporting processor. Updating one is a couple of integer
 * additions, so counting a drop costs the request path nothing.
 */
export class SpanCounters extends DropCounts<DropReason> {
  exported = 0;

  constructor() {
    super({ queue_full: 0, export_failed: 0, export_timeout: 0, shutdown: 0 });
  }

  /** The message of the most recent failed export, if any. */
  get lastExportError(): string | undefined {
    return this.lastError;
  }

  recordExported(count: number): void {
    this.exported += count;
  }

  snapshot(queued: number): TelemetryStats {
    return {
      exported: this.exported,
      dropped: this.dropped,
      droppedByReason: { ...this.droppedByReason },
      queued,
      lastExportError: this.lastExportError,
    };
  }
}
