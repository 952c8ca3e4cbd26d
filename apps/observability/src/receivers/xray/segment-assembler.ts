import { UNKNOWN_SERVICE } from '../../model/service-name.js';
import type { XrayDocument, XraySubsegment } from './xray-segment-schema.js';

export interface AssemblerOptions {
  /** In-progress documents held at most; past it the oldest is released as incomplete. */
  readonly maxHeld: number;
  /** How long an in-progress document waits for its completed version. */
  readonly inProgressTimeoutMs: number;
  /** How long an independent subsegment waits for the segment that names its service. */
  readonly orphanTimeoutMs: number;
  /** Recently seen (sub)segment ids remembered to name the service of late subsegments. */
  readonly maxRemembered: number;
}

export const DEFAULT_ASSEMBLER_OPTIONS: AssemblerOptions = {
  maxHeld: 10_000,
  inProgressTimeoutMs: 5 * 60_000,
  orphanTimeoutMs: 10_000,
  maxRemembered: 200_000,
};

/** A document ready to store, with the service (dataset) its spans belong to. */
export interface ReadyDocument {
  readonly service: string;
  readonly document: XrayDocument;
}

interface Held {
  readonly document: XrayDocument;
  readonly since: number;
}

interface Remembered {
  readonly service: string;
  readonly completed: boolean;
}

/**
 * Turns the stream of documents into documents ready to store, because the store keeps the
 * FIRST version of a span and a service needs a segment to be named:
 * - an in-progress segment is held until its completed version replaces it (or, after
 *   `inProgressTimeoutMs`, released as it is, marked in progress), so the complete one is stored;
 * - an independent subsegment belongs to the service of the segment that encloses it; when that
 *   segment has not been seen yet (exporters send children first), it waits up to
 *   `orphanTimeoutMs`, then is handed back for the caller to resolve from what is stored.
 * Memory is bounded by `maxHeld` and `maxRemembered`.
 */
export class SegmentAssembler {
  readonly #ready: ReadyDocument[] = [];
  readonly #inProgress = new Map<string, Held>();
  /** Orphans by the key of the parent they wait for. */
  readonly #orphans = new Map<string, Held[]>();
  #orphanCount = 0;
  /** Two generations: when the young one is full it becomes the old one, and the old is dropped. */
  #remembered = new Map<string, Remembered>();
  #rememberedBefore = new Map<string, Remembered>();

  constructor(
    private readonly options: AssemblerOptions,
    private readonly now: () => number,
  ) {}

  get heldInProgress(): number {
    return this.#inProgress.size;
  }

  get heldOrphans(): number {
    return this.#orphanCount;
  }

  get readyCount(): number {
    return this.#ready.length;
  }

  add(document: XrayDocument): void {
    const key = keyOf(document.trace_id, document.id);
    if (document.in_progress === true && document.end_time === undefined) {
      if (this.#recall(key)?.completed === true) return;
      if (!this.#inProgress.has(key) && this.#inProgress.size >= this.options.maxHeld) {
        this.#releaseOldestInProgress();
      }
      this.#inProgress.delete(key);
      this.#inProgress.set(key, { document, since: this.now() });
      // Subsegments streamed while the segment is open still need its name.
      if (document.type !== 'subsegment') this.#remember(key, document.name, false);
      return;
    }
    this.#inProgress.delete(key);
    this.#place(document);
  }

  /** Ready documents, plus orphans that waited too long (the caller names their service). */
  take(): { ready: ReadyDocument[]; unresolved: XrayDocument[] } {
    const now = this.now();
    for (const [key, held] of this.#inProgress) {
      if (now - held.since < this.options.inProgressTimeoutMs) break;
      this.#inProgress.delete(key);
      this.#place(held.document);
    }
    const unresolved: XrayDocument[] = [];
    for (const [parent, list] of this.#orphans) {
      const keep: Held[] = [];
      for (const held of list) {
        if (now - held.since < this.options.orphanTimeoutMs) keep.push(held);
        else unresolved.push(held.document);
      }
      this.#orphanCount -= list.length - keep.length;
      if (keep.length === 0) this.#orphans.delete(parent);
      else this.#orphans.set(parent, keep);
    }
    return { ready: this.#ready.splice(0), unresolved };
  }

  /** Everything held, released now: at shutdown nothing accepted stays in memory only. */
  drain(): { ready: ReadyDocument[]; unresolved: XrayDocument[] } {
    for (const held of this.#inProgress.values()) this.#place(held.document);
    this.#inProgress.clear();
    const unresolved = [...this.#orphans.values()].flat().map((held) => held.document);
    this.#orphans.clear();
    this.#orphanCount = 0;
    return { ready: this.#ready.splice(0), unresolved };
  }

  /** Stores an orphan under the service the caller found for it (or `unknown_service`). */
  resolve(document: XrayDocument, service: string | undefined): void {
    this.#emit(document, service ?? UNKNOWN_SERVICE);
  }

  #place(document: XrayDocument): void {
    if (document.type !== 'subsegment') {
      this.#emit(document, document.name);
      return;
    }
    const parentKey = keyOf(document.trace_id, document.parent_id ?? '');
    const service = this.#recall(parentKey)?.service;
    if (service !== undefined) {
      this.#emit(document, service);
      return;
    }
    const list = this.#orphans.get(parentKey) ?? [];
    list.push({ document, since: this.now() });
    this.#orphans.set(parentKey, list);
    this.#orphanCount++;
    if (this.#orphanCount > this.options.maxHeld) this.#releaseOldestOrphans();
  }

  #emit(document: XrayDocument, service: string): void {
    this.#ready.push({ service, document });
    const bodies: XraySubsegment[] = [document];
    while (bodies.length > 0) {
      const body = bodies.pop()!;
      const key = keyOf(document.trace_id, body.id);
      this.#remember(key, service, true);
      const waiting = this.#orphans.get(key);
      if (waiting !== undefined) {
        this.#orphans.delete(key);
        this.#orphanCount -= waiting.length;
        for (const held of waiting) this.#emit(held.document, service);
      }
      bodies.push(...(body.subsegments ?? []));
    }
  }

  /**
   * Remembers between `maxRemembered / 2` and `maxRemembered` recent ids. Generations instead of
   * evicting one key at a time: deleting a Map's oldest key on every insert slows it down.
   */
  #remember(key: string, service: string, completed: boolean): void {
    this.#remembered.set(key, { service, completed });
    if (this.#remembered.size >= this.options.maxRemembered / 2) {
      this.#rememberedBefore = this.#remembered;
      this.#remembered = new Map();
    }
  }

  #recall(key: string): Remembered | undefined {
    return this.#remembered.get(key) ?? this.#rememberedBefore.get(key);
  }

  #releaseOldestInProgress(): void {
    const [key, held] = this.#inProgress.entries().next().value as [string, Held];
    this.#inProgress.delete(key);
    this.#place(held.document);
  }

  /** Past the bound, the longest-waiting group of orphans is stored under `unknown_service`. */
  #releaseOldestOrphans(): void {
    const [parent, list] = this.#orphans.entries().next().value as [string, Held[]];
    this.#orphans.delete(parent);
    this.#orphanCount -= list.length;
    for (const held of list) this.#emit(held.document, UNKNOWN_SERVICE);
  }
}

function keyOf(traceId: string, id: string): string {
  return `${traceId.toLowerCase()}/${id.toLowerCase()}`;
}
