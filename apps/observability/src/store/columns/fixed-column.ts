import duckdb from '@duckdb/node-bindings';
import type { ArenaBlobs } from './arena-blobs.js';
import { type CellValue, type FixedLayout, VALUE_BYTES } from './column-layout.js';
import { INITIAL_ROWS, NullableRows } from './nullable-rows.js';
import type { ValidityMask } from './validity-mask.js';

const U64_MASK = (1n << 64n) - 1n;

/**
 * One fixed-width column being built, held exactly as a DuckDB vector lays it out (little-endian
 * values, one byte of validity per row; unset rows are NULL), so appending is one copy per chunk
 * and building it allocates no JavaScript value per row.
 */
export class FixedColumn extends NullableRows {
  readonly layout: FixedLayout;
  readonly #width: number;
  u8 = new Uint8Array(0);
  /** Set for layouts whose width is a multiple of 4 (u32, i64, u64, f64, u128). */
  u32 = new Uint32Array(0);
  /** Set for layouts whose width is a multiple of 8. */
  f64 = new Float64Array(0);
  i64 = new BigInt64Array(0);
  u64 = new BigUint64Array(0);

  constructor(layout: FixedLayout, rows = INITIAL_ROWS) {
    super();
    this.layout = layout;
    this.#width = VALUE_BYTES[layout];
    this.reserve(rows);
  }

  protected growTo(capacity: number): void {
    const buffer = new ArrayBuffer(capacity * this.#width);
    const u8 = new Uint8Array(buffer);
    u8.set(this.u8);
    this.u8 = u8;
    // Only the views this layout is written through: fewer objects per column.
    if (this.#width % 4 === 0) this.u32 = new Uint32Array(buffer);
    if (this.layout === 'f64') this.f64 = new Float64Array(buffer);
    if (this.layout === 'i64') this.i64 = new BigInt64Array(buffer);
    if (this.layout === 'u64' || this.layout === 'u128') this.u64 = new BigUint64Array(buffer);
  }

  /** Sets a row from a plain value, converted to the column's layout. */
  set(row: number, value: CellValue): void {
    this.markSet(row);
    switch (this.layout) {
      case 'u8':
      case 'bool':
        this.u8[row] = Number(value);
        return;
      case 'u32':
        this.u32[row] = Number(value);
        return;
      case 'f64':
        this.f64[row] = Number(value);
        return;
      case 'i64':
        this.i64[row] = typeof value === 'bigint' ? value : BigInt(value as number | string);
        return;
      case 'u64':
        this.u64[row] = typeof value === 'bigint' ? value : BigInt(value as number | string);
        return;
      case 'u128': {
        // DuckDB's uhugeint is { uint64 lower; uint64 upper }.
        const big = typeof value === 'bigint' ? value : BigInt(value as number | string);
        this.u64[row * 2] = big & U64_MASK;
        this.u64[row * 2 + 1] = big >> 64n;
        return;
      }
    }
  }

  /** Sets a u8, bool or u32 row from a small number without conversion. */
  setSmall(row: number, value: number): void {
    this.markSet(row);
    if (this.#width === 1) this.u8[row] = value;
    else this.u32[row] = value;
  }

  setF64(row: number, value: number): void {
    this.markSet(row);
    this.f64[row] = value;
  }

  /** Sets an i64 or u64 row from its two 32-bit halves (no BigInt). */
  setWords(row: number, lo: number, hi: number): void {
    this.markSet(row);
    this.u32[row * 2] = lo;
    this.u32[row * 2 + 1] = hi;
  }

  /**
   * Sets a u64 or u128 row from an id's big-endian bytes (OTLP's trace and span ids) by
   * reversing them into the vector's little-endian slot.
   */
  setIdBytes(row: number, bytes: Uint8Array, at: number): void {
    this.markSet(row);
    const width = this.#width;
    const out = this.u8;
    const base = row * width;
    for (let i = 0; i < width; i++) out[base + i] = bytes[at + width - 1 - i]!;
  }

  /** The row's value (for tests and rare paths), or null. */
  valueAt(row: number): number | bigint | null {
    if (!this.isSet(row)) return null;
    switch (this.layout) {
      case 'u8':
      case 'bool':
        return this.u8[row]!;
      case 'u32':
        return this.u32[row]!;
      case 'f64':
        return this.f64[row]!;
      case 'i64':
        return this.i64[row]!;
      case 'u64':
        return this.u64[row]!;
      case 'u128':
        return (this.u64[row * 2 + 1]! << 64n) | this.u64[row * 2]!;
    }
  }

  /** Copies row `from` of `source` (same layout) to row `to` of this column. */
  copyRow(source: FixedColumn, from: number, to: number): void {
    if (!source.isSet(from)) {
      this.clear(to);
      return;
    }
    this.markSet(to);
    const width = this.#width;
    this.u8.set(source.u8.subarray(from * width, (from + 1) * width), to * width);
  }

  /** Writes rows `[from, from + size)` to vector rows `[at, at + size)` in one copy. */
  fill(
    vector: duckdb.Vector,
    at: number,
    from: number,
    size: number,
    mask: ValidityMask,
    // Only text columns point into arena copies; the parameter keeps one signature for both.
    _blobs?: ArenaBlobs,
  ): void {
    const width = this.#width;
    const buffer = this.u8.buffer as ArrayBuffer;
    duckdb.copy_data_to_vector(vector, at * width, buffer, from * width, size * width);
    mask.mark(this.valid, at, from, size);
  }
}
