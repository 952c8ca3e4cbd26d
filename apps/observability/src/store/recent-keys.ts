import { KeyTable } from './key-table.js';
import type { RowKey } from './row-key.js';

/**
 * The (event_id, trace_id) keys of recently committed rows, so the writer can tell a re-delivered
 * row without asking DuckDB. It holds every stored row whose time is at or after `floor`: at
 * start the floor is past the newest stored row, and when the oldest of two generations is
 * dropped (to bound memory) the floor rises past the latest time it held. Rows older than the
 * floor are checked against the table instead.
 */
export class RecentKeys {
  #current: KeyTable;
  #previous: KeyTable;
  #floor: bigint;

  constructor(
    floor: bigint,
    private readonly generationSize: number,
  ) {
    this.#floor = floor;
    this.#current = new KeyTable(generationSize);
    this.#previous = new KeyTable(0);
  }

  /** Whether every stored row with a time in `[from, ∞)` is known here. */
  covers(from: bigint): boolean {
    return from >= this.#floor;
  }

  has(key: RowKey): boolean {
    return this.#current.has(key) || this.#previous.has(key);
  }

  /** Records a committed row. */
  add(key: RowKey): void {
    if (this.#current.full) {
      const dropped = this.#previous.maxTime;
      if (dropped !== undefined && dropped >= this.#floor) this.#floor = dropped + 1n;
      this.#previous = this.#current;
      this.#current = new KeyTable(this.generationSize);
    }
    this.#current.add(key);
  }
}
