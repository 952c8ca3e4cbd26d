import type { Attributes } from '../model/attributes.js';
import type { Span } from '../model/span.js';
import type { SpanGroup, TelemetryBatch } from '../model/telemetry-batch.js';
import {
  type AssemblerOptions,
  DEFAULT_ASSEMBLER_OPTIONS,
  type ReadyDocument,
  SegmentAssembler,
} from '../receivers/xray/segment-assembler.js';
import { segmentToSpans } from '../receivers/xray/segment-to-spans.js';
import type { XrayDocument } from '../receivers/xray/xray-segment-schema.js';
import { parseXrayTraceId } from '../receivers/xray/xray-trace-id.js';
import { SIGNAL } from '../store/schema.js';
import { StoreOverloadedError } from '../store/store-errors.js';
import type { TelemetryStore } from '../store/telemetry-store.js';

export interface XrayIngestCounters {
  /** Documents accepted (from datagrams or PutTraceSegments). */
  received: number;
  /** Datagrams or documents refused: bad header, bad JSON, invalid document, oversized. */
  malformed: number;
  /** Documents committed to the store. */
  storedDocuments: number;
  storedSpans: number;
  /** Documents lost because the store was overloaded or failed. */
  dropped: number;
}

export interface PipelineOptions {
  readonly assembler?: AssemblerOptions;
  /**
   * Datagrams are gathered this long into one commit (default 100 ms): a commit has a fixed cost,
   * and the X-Ray daemon itself batches for up to a second.
   */
  readonly flushIntervalMs?: number;
  /** Documents waiting for a commit at most; past it new datagrams are dropped and counted. */
  readonly maxQueuedDocuments?: number;
}

/**
 * Feeds X-Ray documents from the daemon and the API into the store through one assembler, so an
 * in-progress segment from UDP and its completed version from PutTraceSegments still meet.
 * Gathers datagrams for `flushIntervalMs` and commits them in one batch, one commit at a time;
 * while one commits, the next batch grows (group commit), bounded by `maxQueuedDocuments`.
 */
export class XrayIngestPipeline {
  readonly counters: XrayIngestCounters = {
    received: 0,
    malformed: 0,
    storedDocuments: 0,
    storedSpans: 0,
    dropped: 0,
  };
  readonly #assembler: SegmentAssembler;
  readonly #flushIntervalMs: number;
  readonly #maxQueued: number;
  #timer: NodeJS.Timeout | undefined;
  readonly #sweeper: NodeJS.Timeout;
  #flushing: Promise<void> = Promise.resolve();
  #inFlight = 0;
  /** Failed commits so far: a submit that shares a failed commit must not answer success. */
  #failures = 0;
  #closed = false;

  constructor(
    private readonly store: TelemetryStore,
    options: PipelineOptions = {},
    now: () => number = Date.now,
  ) {
    this.#assembler = new SegmentAssembler(options.assembler ?? DEFAULT_ASSEMBLER_OPTIONS, now);
    this.#flushIntervalMs = options.flushIntervalMs ?? 100;
    this.#maxQueued = options.maxQueuedDocuments ?? 50_000;
    // Held documents time out even when no new datagram arrives to trigger a flush.
    this.#sweeper = setInterval(() => this.#flushInBackground(), 1_000);
    this.#sweeper.unref();
  }

  /** Counters and what is held in memory, for `/health`. */
  health(): XrayIngestCounters & { heldInProgress: number; heldOrphans: number } {
    return {
      ...this.counters,
      heldInProgress: this.#assembler.heldInProgress,
      heldOrphans: this.#assembler.heldOrphans,
    };
  }

  /** A document from a datagram: stored within `flushIntervalMs`, never awaited by the sender. */
  offer(document: XrayDocument): void {
    if (this.#closed || this.#assembler.readyCount + this.#inFlight >= this.#maxQueued) {
      this.counters.dropped++;
      return;
    }
    this.counters.received++;
    this.#assembler.add(document);
    if (this.#timer === undefined) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#flushInBackground();
      }, this.#flushIntervalMs);
    }
  }

  countMalformed(count = 1): void {
    this.counters.malformed += count;
  }

  /**
   * Documents from PutTraceSegments: resolves once those that can be stored now are committed
   * (held in-progress segments and subsegments still waiting for their segment follow later).
   */
  async submit(documents: readonly XrayDocument[]): Promise<void> {
    const failuresBefore = this.#failures;
    for (const document of documents) {
      this.counters.received++;
      this.#assembler.add(document);
    }
    await this.flush({ throwOnFailure: true });
    // A flush already queued may have taken these documents into a commit that failed.
    if (this.#failures !== failuresBefore) throw new StoreOverloadedError(1);
  }

  /** Commits what is ready; flushes run one after another so batches stay in arrival order. */
  flush(options: { throwOnFailure?: boolean } = {}): Promise<void> {
    const run = this.#flushing.then(() => this.#commit(this.#assembler.take(), options));
    this.#flushing = run.catch(() => undefined);
    return run;
  }

  /** A flush nobody awaits: an unexpected failure is logged, never an unhandled rejection. */
  #flushInBackground(): void {
    this.flush().catch((error: unknown) => console.warn(`x-ray: flush failed: ${String(error)}`));
  }

  /** Stores everything held (in-progress as incomplete) and stops taking datagrams. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#sweeper);
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    await this.#flushing;
    await this.#commit(this.#assembler.drain(), {});
  }

  async #commit(
    taken: { ready: ReadyDocument[]; unresolved: XrayDocument[] },
    options: { throwOnFailure?: boolean },
  ): Promise<void> {
    for (const document of taken.unresolved) {
      this.#assembler.resolve(document, await this.#storedService(document));
    }
    const ready = [...taken.ready, ...this.#assembler.take().ready];
    if (ready.length === 0) return;
    const batch = toBatch(ready);
    const spans = batch.spanGroups.reduce((sum, group) => sum + group.spans.length, 0);
    this.#inFlight += ready.length;
    try {
      await this.store.ingest(batch);
      this.counters.storedDocuments += ready.length;
      this.counters.storedSpans += spans;
    } catch (error) {
      this.#failures++;
      this.counters.dropped += ready.length;
      if (options.throwOnFailure) throw error;
      console.warn(`x-ray: ${ready.length} documents dropped: ${(error as Error).message}`);
    } finally {
      this.#inFlight -= ready.length;
    }
  }

  /** The service of an orphan's parent when an earlier batch (or OTLP) already stored it. */
  async #storedService(document: XrayDocument): Promise<string | undefined> {
    const traceId = parseXrayTraceId(document.trace_id);
    if (traceId === undefined || document.parent_id === undefined) return undefined;
    try {
      const rows = await this.store.query(
        `SELECT service FROM events WHERE signal = ${SIGNAL.span} AND trace_id = $1::UHUGEINT
         AND span_id = $2::UBIGINT LIMIT 1`,
        [traceId.toString(), BigInt(`0x${document.parent_id}`).toString()],
      );
      return rows[0] === undefined ? undefined : String(rows[0].service);
    } catch {
      return undefined;
    }
  }
}

/** One span group per service: the store names a span's dataset after its group's resource. */
function toBatch(ready: readonly ReadyDocument[]): TelemetryBatch {
  const byService = new Map<string, Span[]>();
  for (const { service, document } of ready) {
    const spans = byService.get(service) ?? [];
    spans.push(...segmentToSpans(document));
    byService.set(service, spans);
  }
  const spanGroups: SpanGroup[] = [...byService].map(([service, spans]) => ({
    origin: {
      resource: new Map([['service.name', service]]) as Attributes,
      scope: { name: 'aws-xray', version: '', attributes: new Map() },
      schemaUrl: '',
    },
    spans,
  }));
  return { source: 'xray', spanGroups, logGroups: [] };
}
