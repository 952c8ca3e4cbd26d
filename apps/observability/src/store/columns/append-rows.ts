import { type DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { ArenaBlobs } from './arena-blobs.js';
import type { Column } from './column.js';
import { type AppendColumn, CHUNK_ROWS } from './column-layout.js';
import { ValidityMask } from './validity-mask.js';

/** Rows to append: one column per table column, in table order; undefined is all NULL. */
export interface RowSource {
  readonly rowCount: number;
  readonly columns: readonly (Column | undefined)[];
}

/**
 * Appends rows to a table through one appender, in full data chunks filled straight from built
 * columns (several sources share a chunk): a copy per fixed-width column and part, string
 * slots written in JavaScript, validity written once per chunk. The caller owns the transaction.
 */
export async function appendRows(
  connection: DuckDBConnection,
  table: { name: string; schema?: string; catalog?: string },
  layout: readonly AppendColumn[],
  sources: readonly RowSource[],
): Promise<void> {
  for (const source of sources) checkSource(source, layout);
  const appender = await connection.createAppender(table.name, table.schema, table.catalog);
  const blobs = new ArenaBlobs();
  try {
    const types = layout.map((column) => column.type);
    const masks = layout.map(() => new ValidityMask());
    const total = sources.reduce((sum, source) => sum + source.rowCount, 0);
    let source = 0;
    let from = 0;
    for (let done = 0; done < total; ) {
      const size = Math.min(CHUNK_ROWS, total - done);
      const chunk = DuckDBDataChunk.create(types, size);
      const vectors = layout.map((_, c) => duckdb.data_chunk_get_vector(chunk.chunk, c));
      for (const mask of masks) mask.reset();
      for (let at = 0; at < size; ) {
        while (from === sources[source]!.rowCount) {
          source++;
          from = 0;
        }
        const part = sources[source]!;
        const rows = Math.min(size - at, part.rowCount - from);
        for (let c = 0; c < layout.length; c++) {
          const column = part.columns[c];
          if (column === undefined) masks[c]!.markAll(at, rows);
          else column.fill(vectors[c]!, at, from, rows, masks[c]!, blobs);
        }
        at += rows;
        from += rows;
      }
      for (let c = 0; c < layout.length; c++) masks[c]!.writeTo(vectors[c]!, size);
      appender.appendDataChunk(chunk);
      done += size;
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
    blobs.release();
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
