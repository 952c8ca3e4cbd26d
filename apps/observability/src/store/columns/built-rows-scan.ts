import type { DuckDBDataChunk } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { ArenaBlobs } from './arena-blobs.js';
import type { Column } from './column.js';
import { type AppendColumn, CHUNK_ROWS } from './column-layout.js';
import { ValidityMask } from './validity-mask.js';

/** Rows to insert: one column per table column, in table order; undefined is all NULL. */
export interface RowSource {
  readonly rowCount: number;
  readonly columns: readonly (Column | undefined)[];
}

/**
 * A cursor over built rows that fills DuckDB data chunks straight from their columns (several
 * sources share a chunk): a copy per fixed-width column and part, string slots written in
 * JavaScript, validity written once per chunk. Long strings point into copies of the arenas that
 * DuckDB holds until `release`, so the chunks filled must be consumed before it is called.
 */
export class BuiltRowsScan {
  readonly #masks: ValidityMask[];
  readonly #blobs = new ArenaBlobs();
  #source = 0;
  #from = 0;
  #left: number;

  /** Throws if a source does not match the layout. */
  constructor(
    readonly layout: readonly AppendColumn[],
    private readonly sources: readonly RowSource[],
  ) {
    for (const source of sources) checkSource(source, layout);
    this.#masks = layout.map(() => new ValidityMask());
    this.#left = sources.reduce((sum, source) => sum + source.rowCount, 0);
  }

  /** Fills the next (up to) 2,048 rows into `chunk`; a row count of 0 means the scan is over. */
  fillNext(chunk: DuckDBDataChunk): void {
    const size = Math.min(CHUNK_ROWS, this.#left);
    chunk.rowCount = size;
    if (size === 0) return;
    const layout = this.layout;
    const masks = this.#masks;
    const vectors = layout.map((_, c) => duckdb.data_chunk_get_vector(chunk.chunk, c));
    for (const mask of masks) mask.reset();
    for (let at = 0; at < size; ) {
      while (this.#from === this.sources[this.#source]!.rowCount) {
        this.#source++;
        this.#from = 0;
      }
      const part = this.sources[this.#source]!;
      const rows = Math.min(size - at, part.rowCount - this.#from);
      for (let c = 0; c < layout.length; c++) {
        const column = part.columns[c];
        if (column === undefined) masks[c]!.markAll(at, rows);
        else column.fill(vectors[c]!, at, this.#from, rows, masks[c]!, this.#blobs);
      }
      at += rows;
      this.#from += rows;
    }
    for (let c = 0; c < layout.length; c++) masks[c]!.writeTo(vectors[c]!, size);
    this.#left -= size;
  }

  /** Lets DuckDB free the arena copies; call once the chunks filled are consumed. */
  release(): void {
    this.#blobs.release();
  }
}

function checkSource(source: RowSource, layout: readonly AppendColumn[]): void {
  if (source.columns.length !== layout.length) {
    throw new Error(`${source.columns.length} columns for a table of ${layout.length}`);
  }
  source.columns.forEach((column, c) => {
    if (column === undefined) return;
    if (column.layout !== layout[c]!.layout) {
      throw new Error(`column ${c} is ${column.layout}, the table's is ${layout[c]!.layout}`);
    }
    column.reserve(source.rowCount);
  });
}
