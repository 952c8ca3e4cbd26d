import type { RowBlock } from './row-block.js';

/**
 * The dedupe key of one row, (event_id, trace_id), with the row's time, as 32-bit words: a
 * reusable cursor over a block's columns, so checking a row allocates nothing.
 */
export class RowKey {
  event0 = 0;
  event1 = 0;
  trace0 = 0;
  trace1 = 0;
  trace2 = 0;
  trace3 = 0;
  hasTrace = false;
  timeLo = 0;
  /** Signed: times are BIGINT. */
  timeHi = 0;
  #events: Uint32Array = new Uint32Array(0);
  #traces: Uint32Array = new Uint32Array(0);
  #traceValid: Uint8Array = new Uint8Array(0);
  #times: Uint32Array = new Uint32Array(0);

  /** Points the cursor at a block's key columns. */
  over(block: RowBlock): this {
    const events = block.fixedColumn('event_id');
    const traces = block.fixedColumn('trace_id');
    const times = block.fixedColumn('time_unix_nano');
    for (const column of [events, traces, times]) column.reserve(block.rowCount);
    this.#events = events.u32;
    this.#traces = traces.u32;
    this.#traceValid = traces.valid;
    this.#times = times.u32;
    return this;
  }

  /** Loads row `row` of the block the cursor is over. */
  load(row: number): this {
    this.event0 = this.#events[row * 2]!;
    this.event1 = this.#events[row * 2 + 1]!;
    this.hasTrace = this.#traceValid[row] === 1;
    const t = row * 4;
    const traces = this.#traces;
    this.trace0 = this.hasTrace ? traces[t]! : 0;
    this.trace1 = this.hasTrace ? traces[t + 1]! : 0;
    this.trace2 = this.hasTrace ? traces[t + 2]! : 0;
    this.trace3 = this.hasTrace ? traces[t + 3]! : 0;
    this.timeLo = this.#times[row * 2]!;
    this.timeHi = this.#times[row * 2 + 1]! | 0;
    return this;
  }

  /** The key of plain values (tests and rare paths). */
  static of(eventId: bigint, traceId: bigint | null, time: bigint): RowKey {
    const key = new RowKey();
    key.event0 = Number(eventId & 0xffffffffn);
    key.event1 = Number((eventId >> 32n) & 0xffffffffn);
    key.hasTrace = traceId !== null;
    const trace = traceId ?? 0n;
    key.trace0 = Number(trace & 0xffffffffn);
    key.trace1 = Number((trace >> 32n) & 0xffffffffn);
    key.trace2 = Number((trace >> 64n) & 0xffffffffn);
    key.trace3 = Number((trace >> 96n) & 0xffffffffn);
    key.timeLo = Number(time & 0xffffffffn);
    key.timeHi = Number(BigInt.asIntN(32, time >> 32n));
    return key;
  }

  get eventId(): bigint {
    return (BigInt(this.event1 >>> 0) << 32n) | BigInt(this.event0 >>> 0);
  }

  get traceId(): bigint | null {
    if (!this.hasTrace) return null;
    const words = [this.trace3, this.trace2, this.trace1, this.trace0];
    return words.reduce((value, word) => (value << 32n) | BigInt(word >>> 0), 0n);
  }

  get time(): bigint {
    return (BigInt(this.timeHi) << 32n) | BigInt(this.timeLo >>> 0);
  }
}
