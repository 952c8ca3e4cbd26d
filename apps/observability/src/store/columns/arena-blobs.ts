import { VARCHAR } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import type { ByteArena } from './byte-arena.js';

const VARCHAR_TYPE = VARCHAR.toLogicalType().logical_type;
/** Where a non-inlined `duckdb_string_t` keeps its pointer: after the length and the prefix. */
const POINTER_OFFSET = 8;

/**
 * Copies of arenas inside DuckDB, so a long string's vector slot can point into one instead of
 * costing a native call per string: each arena is handed to DuckDB once, as a single string
 * element of a scratch vector, and its address read back from that element's slot. Slots built
 * this way are only read while their rows are inserted (the table's storage copies the bytes),
 * so the scratch vectors are kept only until the insert is over.
 */
export class ArenaBlobs {
  readonly #bases = new Map<ByteArena, { lo: number; hi: number; used: number }>();
  readonly #vectors: duckdb.Vector[] = [];

  /** The address of the arena's copy as two 32-bit words; the copy holds `[0, arena.used)`. */
  base(arena: ByteArena): { lo: number; hi: number } {
    const known = this.#bases.get(arena);
    if (known !== undefined && known.used === arena.used) return known;
    const vector = duckdb.create_vector(VARCHAR_TYPE, 1);
    duckdb.vector_assign_string_element_len(vector, 0, arena.bytes.subarray(0, arena.used));
    const slot = duckdb.vector_get_data(vector, 16);
    const words = new DataView(slot.buffer, slot.byteOffset, 16);
    // DuckDB refuses (leaves empty) what is not valid UTF-8; a short arena would be inlined.
    if (arena.used <= 12 || words.getUint32(0, true) !== arena.used) {
      throw new Error('text arena could not be handed to DuckDB');
    }
    const base = {
      lo: words.getUint32(POINTER_OFFSET, true),
      hi: words.getUint32(POINTER_OFFSET + 4, true),
      used: arena.used,
    };
    this.#vectors.push(vector);
    this.#bases.set(arena, base);
    return base;
  }

  /** Lets DuckDB free the copies; call once the chunks using them are inserted. */
  release(): void {
    this.#vectors.length = 0;
    this.#bases.clear();
  }
}
