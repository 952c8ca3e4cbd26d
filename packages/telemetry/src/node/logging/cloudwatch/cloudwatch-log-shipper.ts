import {
  type CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  type PutLogEventsCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { BatchPump } from '../../batch-pump.js';
import { LogShippingCounters, type LogShippingStats } from '../log-shipping-counters.js';
import {
  classifyFailure,
  describeFailure,
  isAlreadyExists,
  isNotFound,
} from './cloudwatch-errors.js';
import { PUT_LOG_EVENTS_LIMITS } from './put-log-events-limits.js';
import { type QueuedLogEvent, takeBatch } from './take-batch.js';
import { truncateUtf8 } from './truncate-utf8.js';

export interface CloudWatchLogShipperOptions {
  /** Built with `maxAttempts: 1` in production, so retries (and their counts) are ours. */
  client: CloudWatchLogsClient;
  logGroupName: string;
  logStreamName: string;
  /** How long the first queued event waits for company before a batch is sent. */
  flushIntervalMs: number;
  /** One call's budget (create or put) before it counts as failed. */
  sendTimeoutMs: number;
  /** Queue bounds: past either one, new events are dropped and counted. */
  maxQueuedEvents?: number;
  maxQueuedBytes?: number;
  /** How often a throttled or failed batch is sent again before it is dropped. */
  maxRetries?: number;
  /** First back-off delay; doubles per retry, with jitter, capped at 10 s. */
  retryBaseDelayMs?: number;
  now?: () => number;
  /** Smaller limits for tests; PutLogEvents' real ones by default. */
  limits?: Partial<typeof PUT_LOG_EVENTS_LIMITS>;
}

const DEFAULT_MAX_QUEUED_EVENTS = 20_000;
const DEFAULT_MAX_QUEUED_BYTES = 8 * 1024 * 1024;
const DEFAULT_MAX_RETRIES = 5;
const DEFAULT_RETRY_BASE_DELAY_MS = 200;
const MAX_RETRY_DELAY_MS = 10_000;
/** The longest shutdown waits for the last batches, as for spans. */
const SHUTDOWN_FLUSH_LIMIT_MS = 5_000;

/**
 * Ships log lines to one CloudWatch Logs stream through PutLogEvents without ever making the
 * caller wait: `add` is an O(1) push onto a queue bounded in events and bytes (beyond it events
 * are dropped and counted), and one call at a time runs off the request path with batches cut to
 * PutLogEvents' limits, in chronological order. The group and stream are created on first use
 * (and again if someone deletes them); throttling and transient failures are retried with
 * exponential back-off, other failures drop the batch with a counted reason.
 *
 * @example
 * const shipper = new CloudWatchLogShipper({ client, logGroupName: 'cruddur',
 *   logStreamName: 'cruddur-backend/host/123', flushIntervalMs: 1000, sendTimeoutMs: 30000 });
 * shipper.add(JSON.stringify({ msg: 'hello' }));
 * await shipper.shutdown();
 */
export class CloudWatchLogShipper {
  private queue: QueuedLogEvent[] = [];
  private queuedBytes = 0;
  private outOfOrder = false;
  private readonly counters = new LogShippingCounters();
  private readonly limits: typeof PUT_LOG_EVENTS_LIMITS;
  private readonly now: () => number;
  private readonly pump: BatchPump;
  private streamReady: Promise<void> | undefined;
  private shutdownOnce: Promise<void> | undefined;

  constructor(private readonly options: CloudWatchLogShipperOptions) {
    this.limits = { ...PUT_LOG_EVENTS_LIMITS, ...options.limits };
    this.now = options.now ?? Date.now;
    this.pump = new BatchPump({
      delayMs: options.flushIntervalMs,
      queued: () => this.queue.length,
      // PutLogEvents' own caps on one call, counted as it counts them.
      full: () =>
        this.queue.length >= this.limits.maxEvents ||
        this.queuedBytes + this.queue.length * this.limits.perEventOverheadBytes >=
          this.limits.maxBytes,
      sendNext: () => this.sendBatch(this.takeBatch()),
    });
  }

  get queued(): number {
    return this.queue.length;
  }

  stats(): LogShippingStats {
    return this.counters.snapshot(this.queue.length);
  }

  /** Queues one event (a message of at least one character); never throws, never waits. */
  add(message: string, timestampMs: number = this.now()): void {
    if (message === '') return;
    if (this.shutdownOnce !== undefined) {
      this.counters.recordDropped('shutdown', 1);
      return;
    }
    let event = { timestampMs, message, bytes: Buffer.byteLength(message, 'utf8') };
    if (event.bytes > this.limits.maxMessageBytes) {
      const cut = truncateUtf8(message, this.limits.maxMessageBytes);
      event = { timestampMs, message: cut.text, bytes: cut.bytes };
      this.counters.truncated += 1;
    }
    const maxEvents = this.options.maxQueuedEvents ?? DEFAULT_MAX_QUEUED_EVENTS;
    const maxBytes = this.options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
    if (this.queue.length >= maxEvents || this.queuedBytes + event.bytes > maxBytes) {
      this.counters.recordDropped('queue_full', 1);
      return;
    }
    const last = this.queue[this.queue.length - 1];
    if (last !== undefined && timestampMs < last.timestampMs) this.outOfOrder = true;
    this.queue.push(event);
    this.queuedBytes += event.bytes;
    this.pump.schedule();
  }

  /** Sends everything queued now; resolves when done (never rejects). */
  forceFlush(): Promise<void> {
    return this.pump.flush();
  }

  /** Flushes within 5 s at most, counts what is left as dropped. Idempotent. */
  shutdown(): Promise<void> {
    this.shutdownOnce ??= (async () => {
      this.pump.stop(Date.now() + Math.min(this.options.sendTimeoutMs, SHUTDOWN_FLUSH_LIMIT_MS));
      await this.pump.flush();
      if (this.queue.length > 0) this.counters.recordDropped('shutdown', this.queue.length);
      this.queue = [];
      this.queuedBytes = 0;
    })();
    return this.shutdownOnce;
  }

  /** The next batch, oldest first, cut to PutLogEvents' limits. */
  private takeBatch(): QueuedLogEvent[] {
    if (this.outOfOrder) {
      // Array#sort is stable: events logged in the same millisecond keep their order.
      this.queue.sort((a, b) => a.timestampMs - b.timestampMs);
      this.outOfOrder = false;
    }
    const batch = this.queue.splice(0, takeBatch(this.queue, this.limits));
    for (const event of batch) this.queuedBytes -= event.bytes;
    return batch;
  }

  private async sendBatch(batch: QueuedLogEvent[]): Promise<void> {
    const maxRetries = this.options.maxRetries ?? DEFAULT_MAX_RETRIES;
    let recreated = false;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.ensureStream();
        const command = new PutLogEventsCommand({
          logGroupName: this.options.logGroupName,
          logStreamName: this.options.logStreamName,
          logEvents: batch.map(({ timestampMs, message }) => ({ timestamp: timestampMs, message })),
        });
        const output = await this.call((client, options) => client.send(command, options));
        const rejected = rejectedCount(output, batch.length);
        if (rejected > 0) {
          this.counters.recordDropped(
            'rejected',
            rejected,
            'PutLogEvents rejected events too old or too far in the future',
          );
        }
        this.counters.shipped += batch.length - rejected;
        return;
      } catch (error) {
        const action = classifyFailure(error);
        if (action === 'recreate' && !recreated) {
          recreated = true;
          this.streamReady = undefined;
          continue;
        }
        const { deadline } = this.pump;
        const delay = backoffMs(this.options.retryBaseDelayMs, attempt);
        const inTime = deadline === undefined || Date.now() + delay < deadline;
        if (action === 'retry' && attempt < maxRetries && inTime) {
          this.counters.retries += 1;
          this.counters.lastError = describeFailure(error);
          await sleep(delay, deadline !== undefined);
          continue;
        }
        this.counters.recordDropped('export_failed', batch.length, describeFailure(error));
        return;
      }
    }
  }

  /** CreateLogStream, creating the group first if it is missing; remembered once it worked. */
  private ensureStream(): Promise<void> {
    this.streamReady ??= this.createStream().catch((error: unknown) => {
      this.streamReady = undefined;
      throw error;
    });
    return this.streamReady;
  }

  private async createStream(): Promise<void> {
    const { logGroupName, logStreamName } = this.options;
    const createStream = () =>
      this.call((client, options) =>
        client.send(new CreateLogStreamCommand({ logGroupName, logStreamName }), options),
      ).catch(ignoreAlreadyExists);
    try {
      await createStream();
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await this.call((client, options) =>
        client.send(new CreateLogGroupCommand({ logGroupName }), options),
      ).catch(ignoreAlreadyExists);
      await createStream();
    }
  }

  /** Runs one SDK call with its time budget, untraced. */
  private call<T>(
    send: (client: CloudWatchLogsClient, options: { abortSignal: AbortSignal }) => Promise<T>,
  ): Promise<T> {
    const { deadline } = this.pump;
    const budget =
      deadline === undefined
        ? this.options.sendTimeoutMs
        : Math.max(1, Math.min(this.options.sendTimeoutMs, deadline - Date.now()));
    // The SDK's own HTTP request must not be traced, or every shipped batch makes more spans.
    return context.with(suppressTracing(context.active()), () =>
      send(this.options.client, { abortSignal: AbortSignal.timeout(budget) }),
    );
  }
}

function ignoreAlreadyExists(error: unknown): void {
  if (!isAlreadyExists(error)) throw error;
}

/**
 * Events PutLogEvents refused individually: everything at or after `tooNewLogEventStartIndex`,
 * and everything at or before the larger of the two "too old" indexes.
 */
function rejectedCount(output: PutLogEventsCommandOutput, total: number): number {
  const info = output.rejectedLogEventsInfo;
  if (info === undefined) return 0;
  const tooNew =
    info.tooNewLogEventStartIndex === undefined ? 0 : total - info.tooNewLogEventStartIndex;
  const oldEnd = Math.max(info.tooOldLogEventEndIndex ?? -1, info.expiredLogEventEndIndex ?? -1);
  return Math.min(total, Math.max(0, tooNew) + oldEnd + 1);
}

function backoffMs(base: number | undefined, attempt: number): number {
  const ceiling = Math.min(
    MAX_RETRY_DELAY_MS,
    (base ?? DEFAULT_RETRY_BASE_DELAY_MS) * 2 ** attempt,
  );
  // Full jitter in the upper half: many processes throttled together do not retry in lockstep.
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Unref'd normally; kept referenced while shutting down so the process waits for the retry. */
function sleep(ms: number, keepAlive: boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (!keepAlive) timer.unref();
  });
}
