import { DropCounts } from '../drop-counts.js';

/** Why a log event never reached a log backend. */
export type LogDropReason = 'queue_full' | 'rejected' | 'export_failed' | 'shutdown';

/** A point-in-time view of one log shipper. */
export interface LogShippingStats {
  shipped: number;
  dropped: number;
  droppedByReason: Record<LogDropReason, number>;
  /** Calls sent again after throttling or a transient failure. */
  retries: number;
  /** Messages cut to the per-event size limit (still shipped). */
  truncated: number;
  /** Events waiting in the queue right now. */
  queued: number;
  lastError: string | undefined;
}

/** Plain counters: counting a drop costs the logging call a couple of additions. */
export class LogShippingCounters extends DropCounts<LogDropReason> {
  shipped = 0;
  retries = 0;
  truncated = 0;

  constructor() {
    super({ queue_full: 0, rejected: 0, export_failed: 0, shutdown: 0 });
  }

  snapshot(queued: number): LogShippingStats {
    return {
      shipped: this.shipped,
      dropped: this.dropped,
      droppedByReason: { ...this.droppedByReason },
      retries: this.retries,
      truncated: this.truncated,
      queued,
      lastError: this.lastError,
    };
  }
}
