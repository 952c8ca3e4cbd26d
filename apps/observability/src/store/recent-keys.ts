/**
 * A set of (event_id, trace_id) keys: each event id's first trace in a Map, and the rare id seen
 * under several traces as a composite string (a Set per event id cost more than the lookup).
 */
export class KeySet {
  readonly first = new Map<unknown, unknown>();
  others: Set<string> | undefined;
  size = 0;
  maxTime: bigint | undefined;

  has(eventId: unknown, traceId: unknown): boolean {
    // One lookup: stored traces are bigint or null, never undefined.
    const first = this.first.get(eventId);
    if (first === undefined) return false;
    if (first === traceId) return true;
    return this.others?.has(compositeKey(eventId, traceId)) ?? false;
  }

  /** Adds a key not already in the set; `time` is the row's, to know how late the set reaches. */
  add(eventId: unknown, traceId: unknown, time: bigint): void {
    if (!this.first.has(eventId)) this.first.set(eventId, traceId);
    else {
      this.others ??= new Set();
      this.others.add(compositeKey(eventId, traceId));
    }
    this.size++;
    if (this.maxTime === undefined || time > this.maxTime) this.maxTime = time;
  }
}

function compositeKey(eventId: unknown, traceId: unknown): string {
  return `${String(eventId)}/${String(traceId)}`;
}

/**
 * The (event_id, trace_id) keys of recently committed rows, so the writer can tell a re-delivered
 * row without asking DuckDB. It holds every stored row whose time is at or after `floor`: at
 * start the floor is past the newest stored row, and when the oldest of two generations is
 * dropped (to bound memory) the floor rises past the latest time it held. Rows older than the
 * floor are checked against the table instead.
 */
export class RecentKeys {
  #current = new KeySet();
  #previous = new KeySet();
  #floor: bigint;

  constructor(
    floor: bigint,
    private readonly generationSize: number,
  ) {
    this.#floor = floor;
  }

  /** Whether every stored row with a time in `[from, ∞)` is known here. */
  covers(from: bigint): boolean {
    return from >= this.#floor;
  }

  has(eventId: unknown, traceId: unknown): boolean {
    return this.#current.has(eventId, traceId) || this.#previous.has(eventId, traceId);
  }

  /** Records a committed row. */
  add(eventId: unknown, traceId: unknown, time: bigint): void {
    if (this.#current.size >= this.generationSize) {
      const dropped = this.#previous.maxTime;
      if (dropped !== undefined && dropped >= this.#floor) this.#floor = dropped + 1n;
      this.#previous = this.#current;
      this.#current = new KeySet();
    }
    this.#current.add(eventId, traceId, time);
  }
}
