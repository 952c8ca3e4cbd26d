import duckdb from '@duckdb/node-bindings';
import type { ArenaBlobs } from './arena-blobs.js';
import { ByteArena } from './byte-arena.js';
import { type CellValue, CHUNK_ROWS } from './column-layout.js';
import { INITIAL_ROWS, NullableRows } from './nullable-rows.js';
import type { ValidityMask } from './validity-mask.js';

/** A string's slot in a vector: `{ uint32 length; char inlined[12] }` or a prefix and pointer. */
const STRING_SLOT = 16;
const INLINE_BYTES = 12;
const TWO_32 = 4_294_967_296;

const encoder = new TextEncoder();
const slots = new ArrayBuffer(CHUNK_ROWS * STRING_SLOT);
const slotBytes = new Uint8Array(slots);
const slotWords = new Uint32Array(slots);

/**
 * One VARCHAR column being built: each row's UTF-8 bytes live in the block's shared arena, with
 * start and length per row, so strings copied from a request never become JavaScript strings.
 * Appending writes every vector slot in JavaScript with the public `duckdb_string_t` layout:
 * short strings inline, longer ones as a prefix and a pointer into the arena's copy in DuckDB.
 */
export class TextColumn extends NullableRows {
  readonly layout = 'varchar';
  readonly arena: ByteArena;
  starts = new Uint32Array(0);
  lengths = new Uint32Array(0);

  constructor(rows = INITIAL_ROWS, arena = new ByteArena()) {
    super();
    this.arena = arena;
    this.reserve(rows);
  }

  protected growTo(capacity: number): void {
    const starts = new Uint32Array(capacity);
    starts.set(this.starts);
    const lengths = new Uint32Array(capacity);
    lengths.set(this.lengths);
    this.starts = starts;
    this.lengths = lengths;
  }

  /** Sets a row from any value, as its string form. */
  set(row: number, value: CellValue): void {
    this.setString(row, typeof value === 'string' ? value : String(value));
  }

  setString(row: number, text: string): void {
    if (row >= this.capacity) this.reserve(row + 1);
    const arena = this.arena;
    // Every UTF-16 code unit takes at most 3 bytes of UTF-8.
    const start = arena.reserve(text.length * 3);
    const bytes = arena.bytes;
    let at = start;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        // Lone surrogates become U+FFFD, as DuckDB would store them from a JavaScript string.
        at = start + encoder.encodeInto(text, bytes.subarray(start)).written;
        break;
      }
      bytes[at++] = code;
    }
    this.#finish(row, start, at);
  }

  /** Sets a row from bytes the caller has checked are valid UTF-8. */
  setUtf8(row: number, source: Uint8Array, start: number, stop: number): void {
    if (row >= this.capacity) this.reserve(row + 1);
    const length = stop - start;
    const at = this.arena.reserve(length);
    const bytes = this.arena.bytes;
    if (length <= 32) for (let i = 0; i < length; i++) bytes[at + i] = source[start + i]!;
    else bytes.set(source.subarray(start, stop), at);
    this.#finish(row, at, at + length);
  }

  /** Gives `row` the same text as `source`, sharing its bytes. */
  repeat(row: number, source: number): void {
    if (row >= this.capacity) this.reserve(row + 1);
    this.starts[row] = this.starts[source]!;
    this.lengths[row] = this.lengths[source]!;
    this.valid[row] = this.valid[source]!;
  }

  copyRow(source: TextColumn, from: number, to: number): void {
    if (!source.isSet(from)) {
      this.clear(to);
      return;
    }
    const start = source.starts[from]!;
    this.setUtf8(to, source.arena.bytes, start, start + source.lengths[from]!);
  }

  /** The row's text (for tests and rare paths; appending never makes strings). */
  textAt(row: number): string | null {
    if (!this.isSet(row)) return null;
    const { bytes } = this.arena;
    const start = bytes.byteOffset + this.starts[row]!;
    return Buffer.from(bytes.buffer, start, this.lengths[row]!).toString('utf8');
  }

  /** Writes rows `[from, from + size)` to VARCHAR vector rows `[at, at + size)`. */
  fill(
    vector: duckdb.Vector,
    at: number,
    from: number,
    size: number,
    mask: ValidityMask,
    blobs: ArenaBlobs,
  ): void {
    const bytes = this.arena.bytes;
    const valid = this.valid;
    const starts = this.starts;
    const lengths = this.lengths;
    let base: { lo: number; hi: number } | undefined;
    // Whole slots are zeroed: DuckDB compares inlined strings slot-wide.
    slotBytes.fill(0, 0, size * STRING_SLOT);
    for (let i = 0; i < size; i++) {
      if (valid[from + i] === 0) continue;
      const length = lengths[from + i]!;
      const start = starts[from + i]!;
      const slot = i * STRING_SLOT;
      slotWords[i * 4] = length;
      if (length <= INLINE_BYTES) {
        for (let k = 0; k < length; k++) slotBytes[slot + 4 + k] = bytes[start + k]!;
        continue;
      }
      for (let k = 0; k < 4; k++) slotBytes[slot + 4 + k] = bytes[start + k]!;
      base ??= blobs.base(this.arena);
      const lo = base.lo + start;
      slotWords[i * 4 + 2] = lo >>> 0;
      slotWords[i * 4 + 3] = (base.hi + (lo >= TWO_32 ? 1 : 0)) >>> 0;
    }
    duckdb.copy_data_to_vector(vector, at * STRING_SLOT, slots, 0, size * STRING_SLOT);
    mask.mark(valid, at, from, size);
  }

  #finish(row: number, start: number, stop: number): void {
    this.starts[row] = start;
    this.lengths[row] = stop - start;
    this.valid[row] = 1;
    this.arena.used = stop;
  }
}
