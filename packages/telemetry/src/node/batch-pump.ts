export interface BatchPumpOptions {
  /** How long the first queued item waits for company before a batch goes out. */
  delayMs: number;
  /** How many items are queued. */
  queued(): number;
  /** A whole batch is waiting: send it on the next turn instead of after the delay. */
  full(): boolean;
  /** Takes the next batch off the queue and sends it; resolves when done, never rejects. */
  sendNext(): Promise<void>;
}

/**
 * Moves a queue out one batch at a time, off the caller's path: a full batch goes on the next
 * turn of the event loop, a partial one after `delayMs`, and the next batch only once the last
 * one is done. Its timers never keep the process alive. Span and log exporters both ride on it.
 *
 * @example
 * const pump = new BatchPump({ delayMs: 1000, queued: () => queue.length,
 *   full: () => queue.length >= 512, sendNext: () => send(queue.splice(0, 512)) });
 * queue.push(item);
 * pump.schedule();
 */
export class BatchPump {
  private timer: NodeJS.Timeout | undefined;
  private soon: NodeJS.Immediate | undefined;
  private inFlight: Promise<void> | undefined;
  private stopped = false;
  /** Set by `stop`: nothing may outlive it, so counts are final when a shutdown resolves. */
  private deadlineMs: number | undefined;

  constructor(private readonly options: BatchPumpOptions) {}

  /** When the pump was stopped with a deadline, that deadline (epoch ms). */
  get deadline(): number | undefined {
    return this.deadlineMs;
  }

  /** Something was queued: arranges for it to be sent. */
  schedule(): void {
    if (this.stopped) return;
    if (this.options.full()) {
      this.soon ??= setImmediate(() => {
        this.soon = undefined;
        this.sendNext();
      });
    } else if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.sendNext();
      }, this.options.delayMs);
      this.timer.unref();
    }
  }

  /** Sends everything queued now, batch after batch, until the deadline; never rejects. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.inFlight !== undefined) {
        await this.inFlight;
        continue;
      }
      if (this.options.queued() === 0) return;
      if (this.deadlineMs !== undefined && Date.now() >= this.deadlineMs) return;
      this.sendNext();
    }
  }

  /** No more scheduled sends; `flush` still sends, but not past `deadlineMs`. */
  stop(deadlineMs: number): void {
    this.stopped = true;
    this.deadlineMs = deadlineMs;
    this.clearTimers();
  }

  private sendNext(): void {
    if (this.inFlight !== undefined || this.options.queued() === 0) return;
    this.clearTimers();
    this.inFlight = this.options.sendNext().finally(() => {
      this.inFlight = undefined;
      if (this.stopped || this.options.queued() === 0) return;
      // A whole batch that queued up meanwhile goes at once; a partial one keeps its timer.
      if (this.options.full()) this.sendNext();
      else this.schedule();
    });
  }

  private clearTimers(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.soon !== undefined) clearImmediate(this.soon);
    this.timer = undefined;
    this.soon = undefined;
  }
}
