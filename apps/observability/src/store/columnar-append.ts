import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBType,
  UBIGINT,
  UHUGEINT,
  UINTEGER,
  UTINYINT,
  VARCHAR,
} from '@duckdb/node-api';

const TYPES: Record<string, DuckDBType> = {
  UTINYINT,
  UINTEGER,
  BIGINT,
  UBIGINT,
  UHUGEINT,
  DOUBLE,
  VARCHAR,
  BOOLEAN,
};

/** The DuckDB type object for a column's SQL type (`VARCHAR NOT NULL` → VARCHAR). */
export function duckdbType(sqlType: string): DuckDBType {
  const type = TYPES[sqlType.split(' ')[0]!];
  if (type === undefined) throw new Error(`no appender type for ${sqlType}`);
  return type;
}

/** DuckDB's vector size: a data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;

/**
 * Appends column arrays to a table in data chunks: columnar, so numbers are written without a
 * native call per value (the row-by-row appender is several times slower).
 */
export async function appendColumns(
  connection: DuckDBConnection,
  table: { name: string; schema?: string; catalog?: string },
  types: readonly DuckDBType[],
  columns: readonly (readonly unknown[])[],
  rowCount: number,
): Promise<void> {
  const appender = await connection.createAppender(table.name, table.schema, table.catalog);
  try {
    for (let offset = 0; offset < rowCount; offset += CHUNK_ROWS) {
      const size = Math.min(CHUNK_ROWS, rowCount - offset);
      const chunk = DuckDBDataChunk.create(types, size);
      for (let c = 0; c < columns.length; c++) {
        const values = columns[c]!.slice(offset, offset + size);
        values.length = size;
        chunk.setColumnValues(c, values as never);
      }
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
