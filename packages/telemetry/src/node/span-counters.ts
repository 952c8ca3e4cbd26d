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
export class SpanCounters {
  exported = 0;
  readonly droppedByReason: Record<DropReason, number> = {
    queue_full: 0,
    export_failed: 0,
    export_timeout: 0,
    shutdown: 0,
  };
  lastExportError: string | undefined;

  recordExported(count: number): void {
    this.exported += count;
  }

  recordDropped(reason: DropReason, count: number, error?: string): void {
    this.droppedByReason[reason] += count;
    if (error !== undefined) this.lastExportError = error;
  }

  get dropped(): number {
    const d = this.droppedByReason;
    return d.queue_full + d.export_failed + d.export_timeout + d.shutdown;
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
