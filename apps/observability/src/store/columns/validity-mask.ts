import duckdb from '@duckdb/node-bindings';
import { CHUNK_ROWS } from './column-layout.js';

/** A chunk column's validity as 32-bit words, built in JavaScript and written once. */
export class ValidityMask {
  readonly words = new Uint32Array(CHUNK_ROWS / 32);
  #nulls = 0;

  reset(): void {
    this.words.fill(0xffffffff);
    this.#nulls = 0;
  }

  /** Marks chunk rows `[at, at + size)` NULL where `valid[from + i]` is 0. */
  mark(valid: Uint8Array, at: number, from: number, size: number): void {
    const words = this.words;
    for (let i = 0; i < size; i++) {
      if (valid[from + i] === 0) {
        const row = at + i;
        words[row >>> 5]! &= ~(1 << (row & 31));
        this.#nulls++;
      }
    }
  }

  /** Marks chunk rows `[at, at + size)` NULL. */
  markAll(at: number, size: number): void {
    const words = this.words;
    for (let row = at; row < at + size; row++) words[row >>> 5]! &= ~(1 << (row & 31));
    this.#nulls += size;
  }

  /** Writes the mask into a vector of `size` rows; one with no NULL keeps DuckDB's implicit mask. */
  writeTo(vector: duckdb.Vector, size: number): void {
    if (this.#nulls === 0) return;
    duckdb.vector_ensure_validity_writable(vector);
    duckdb.copy_data_to_vector_validity(vector, 0, this.words.buffer, 0, Math.ceil(size / 64) * 8);
  }
}
