import type { RowKey } from './row-key.js';

const WORDS = 7;
const EMPTY = -1;

/**
 * A set of (event_id, trace_id) keys held in typed arrays, with open addressing: no JavaScript
 * object per key, so keeping hundreds of thousands of keys costs the garbage collector nothing.
 * A missing trace id is a key of its own. Holds at most `capacity` keys.
 */
export class KeyTable {
  readonly capacity: number;
  size = 0;
  readonly #words: Uint32Array;
  readonly #slots: Int32Array;
  readonly #mask: number;
  #maxHi = 0;
  #maxLo = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.#words = new Uint32Array(capacity * WORDS);
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.#slots = new Int32Array(slots).fill(EMPTY);
    this.#mask = slots - 1;
  }

  get full(): boolean {
    return this.size >= this.capacity;
  }

  /** The latest row time added, or undefined while empty. */
  get maxTime(): bigint | undefined {
    if (this.size === 0) return undefined;
    return (BigInt(this.#maxHi) << 32n) | BigInt(this.#maxLo >>> 0);
  }

  has(key: RowKey): boolean {
    return this.#find(key) >= 0;
  }

  /** Adds a key not already in the table; the table must not be full. */
  add(key: RowKey): void {
    if (this.full) throw new Error('key table is full');
    const entry = this.size++;
    const words = this.#words;
    const at = entry * WORDS;
    words[at] = key.event0;
    words[at + 1] = key.event1;
    words[at + 2] = key.trace0;
    words[at + 3] = key.trace1;
    words[at + 4] = key.trace2;
    words[at + 5] = key.trace3;
    words[at + 6] = key.hasTrace ? 1 : 0;
    let slot = hashOf(key) & this.#mask;
    while (this.#slots[slot] !== EMPTY) slot = (slot + 1) & this.#mask;
    this.#slots[slot] = entry;
    if (
      entry === 0 ||
      key.timeHi > this.#maxHi ||
      (key.timeHi === this.#maxHi && key.timeLo >>> 0 > this.#maxLo >>> 0)
    ) {
      this.#maxHi = key.timeHi;
      this.#maxLo = key.timeLo;
    }
  }

  #find(key: RowKey): number {
    const words = this.#words;
    const slots = this.#slots;
    const hasTrace = key.hasTrace ? 1 : 0;
    for (let slot = hashOf(key) & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const entry = slots[slot]!;
      if (entry === EMPTY) return -1;
      const at = entry * WORDS;
      if (
        words[at] === key.event0 >>> 0 &&
        words[at + 1] === key.event1 >>> 0 &&
        words[at + 2] === key.trace0 >>> 0 &&
        words[at + 3] === key.trace1 >>> 0 &&
        words[at + 4] === key.trace2 >>> 0 &&
        words[at + 5] === key.trace3 >>> 0 &&
        words[at + 6] === hasTrace
      ) {
        return entry;
      }
    }
  }
}

/** Span ids and content hashes are already random: mixing two words spreads them enough. */
function hashOf(key: RowKey): number {
  return Math.imul(key.event0 ^ Math.imul(key.event1 ^ key.trace0, 0x9e3779b1), 0x85ebca6b) >>> 0;
}
