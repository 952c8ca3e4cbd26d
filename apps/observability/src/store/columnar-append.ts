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
import duckdb from '@duckdb/node-bindings';

/** How a column's values are laid out in a DuckDB vector. */
export type ColumnLayout = 'u8' | 'u32' | 'i64' | 'u64' | 'u128' | 'f64' | 'bool' | 'varchar';

/** A column of an appended table: its DuckDB type (for the chunk) and its vector layout. */
export interface AppendColumn {
  readonly type: DuckDBType;
  readonly layout: ColumnLayout;
}

const COLUMNS: Record<string, AppendColumn> = {
  UTINYINT: { type: UTINYINT, layout: 'u8' },
  UINTEGER: { type: UINTEGER, layout: 'u32' },
  BIGINT: { type: BIGINT, layout: 'i64' },
  UBIGINT: { type: UBIGINT, layout: 'u64' },
  UHUGEINT: { type: UHUGEINT, layout: 'u128' },
  DOUBLE: { type: DOUBLE, layout: 'f64' },
  BOOLEAN: { type: BOOLEAN, layout: 'bool' },
  VARCHAR: { type: VARCHAR, layout: 'varchar' },
};

const BYTES_PER_VALUE: Record<ColumnLayout, number> = {
  u8: 1,
  u32: 4,
  i64: 8,
  u64: 8,
  u128: 16,
  f64: 8,
  bool: 1,
  varchar: 0,
};

/** The DuckDB type and vector layout of a column's SQL type (`VARCHAR NOT NULL` → VARCHAR). */
export function appendColumn(sqlType: string): AppendColumn {
  const column = COLUMNS[sqlType.split(' ')[0]!];
  if (column === undefined) throw new Error(`no appender layout for ${sqlType}`);
  return column;
}

/** DuckDB's vector size: a data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;
const U64_MASK = (1n << 64n) - 1n;

/**
 * Fills data chunks straight from column arrays (holes and nulls are NULL) and appends them.
 * Fixed-width values go into one typed array per column and reach the vector in a single copy,
 * with the validity mask built as plain integers; the library's per-value setters cost several
 * times more (a BigInt shift per validity bit). Strings still cost one native call each.
 */
export async function appendColumns(
  connection: DuckDBConnection,
  table: { name: string; schema?: string; catalog?: string },
  layout: readonly AppendColumn[],
  columns: readonly (readonly unknown[])[],
  rowCount: number,
): Promise<void> {
  const appender = await connection.createAppender(table.name, table.schema, table.catalog);
  try {
    const buffer = new ArrayBuffer(CHUNK_ROWS * 16);
    const validity = new Uint32Array(new ArrayBuffer(CHUNK_ROWS / 8));
    const types = layout.map((column) => column.type);
    for (let offset = 0; offset < rowCount; offset += CHUNK_ROWS) {
      const size = Math.min(CHUNK_ROWS, rowCount - offset);
      const chunk = DuckDBDataChunk.create(types, size);
      for (let c = 0; c < columns.length; c++) {
        const vector = duckdb.data_chunk_get_vector(chunk.chunk, c);
        fillVector(vector, layout[c]!.layout, columns[c]!, offset, size, buffer, validity);
      }
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

function fillVector(
  vector: duckdb.Vector,
  layout: ColumnLayout,
  values: readonly unknown[],
  offset: number,
  size: number,
  buffer: ArrayBuffer,
  validity: Uint32Array<ArrayBuffer>,
): void {
  validity.fill(0xffffffff);
  let nulls = 0;
  const isNull = (row: number): void => {
    validity[row >>> 5]! &= ~(1 << (row & 31));
    nulls++;
  };
  if (layout === 'varchar') {
    const long = writeShortStrings(values, offset, size, buffer, isNull);
    duckdb.copy_data_to_vector(vector, 0, buffer, 0, size * STRING_SLOT);
    for (const row of long) {
      duckdb.vector_assign_string_element(vector, row, values[offset + row] as string);
    }
  } else {
    writeFixed(layout, values, offset, size, buffer, isNull);
    duckdb.copy_data_to_vector(vector, 0, buffer, 0, size * BYTES_PER_VALUE[layout]);
  }
  if (nulls > 0) {
    duckdb.vector_ensure_validity_writable(vector);
    duckdb.copy_data_to_vector_validity(vector, 0, validity.buffer, 0, Math.ceil(size / 64) * 8);
  }
}

/** A string's slot in a vector: `{ uint32 length; char inlined[12] }` or a prefix and pointer. */
const STRING_SLOT = 16;
const INLINE_BYTES = 12;

/**
 * Writes short ASCII strings inline into their 16-byte slots (the layout of DuckDB's public
 * `duckdb_string_t`, zero-padded as DuckDB compares whole slots) and returns the rows whose
 * strings need DuckDB's own call: longer or non-ASCII ones. A native call per string cost
 * more than the rest of the chunk.
 */
function writeShortStrings(
  values: readonly unknown[],
  offset: number,
  size: number,
  buffer: ArrayBuffer,
  isNull: (row: number) => void,
): number[] {
  const bytes = new Uint8Array(buffer, 0, size * STRING_SLOT);
  bytes.fill(0);
  const lengths = new Uint32Array(buffer, 0, size * 4);
  const long: number[] = [];
  for (let row = 0; row < size; row++) {
    const value = values[offset + row];
    if (value === undefined || value === null) {
      isNull(row);
      continue;
    }
    const text = value as string;
    if (text.length > INLINE_BYTES || !writeAscii(text, bytes, row * STRING_SLOT + 4)) {
      long.push(row);
      continue;
    }
    lengths[row * 4] = text.length;
  }
  return long;
}

/** Copies an ASCII string's bytes to `at`; false (having written only ASCII) when it is not. */
function writeAscii(text: string, bytes: Uint8Array, at: number): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) {
      bytes.fill(0, at, at + INLINE_BYTES);
      return false;
    }
    bytes[at + i] = code;
  }
  return true;
}

/** Writes fixed-width values into `buffer` (little-endian, as DuckDB lays vectors out in memory). */
function writeFixed(
  layout: Exclude<ColumnLayout, 'varchar'>,
  values: readonly unknown[],
  offset: number,
  size: number,
  buffer: ArrayBuffer,
  isNull: (row: number) => void,
): void {
  switch (layout) {
    case 'u8':
    case 'bool': {
      const out = new Uint8Array(buffer, 0, size);
      for (let row = 0; row < size; row++) {
        const value = values[offset + row];
        if (value === undefined || value === null) {
          out[row] = 0;
          isNull(row);
        } else out[row] = Number(value);
      }
      return;
    }
    case 'u32': {
      const out = new Uint32Array(buffer, 0, size);
      for (let row = 0; row < size; row++) {
        const value = values[offset + row];
        if (value === undefined || value === null) {
          out[row] = 0;
          isNull(row);
        } else out[row] = value as number;
      }
      return;
    }
    case 'f64': {
      const out = new Float64Array(buffer, 0, size);
      for (let row = 0; row < size; row++) {
        const value = values[offset + row];
        if (value === undefined || value === null) {
          out[row] = 0;
          isNull(row);
        } else out[row] = value as number;
      }
      return;
    }
    case 'i64': {
      const out = new BigInt64Array(buffer, 0, size);
      for (let row = 0; row < size; row++) {
        const value = values[offset + row];
        if (value === undefined || value === null) {
          out[row] = 0n;
          isNull(row);
        } else out[row] = typeof value === 'bigint' ? value : BigInt(value as number);
      }
      return;
    }
    case 'u64': {
      const out = new BigUint64Array(buffer, 0, size);
      for (let row = 0; row < size; row++) {
        const value = values[offset + row];
        if (value === undefined || value === null) {
          out[row] = 0n;
          isNull(row);
        } else out[row] = value as bigint;
      }
      return;
    }
    case 'u128': {
      // DuckDB's uhugeint is { uint64 lower; uint64 upper }.
      const out = new BigUint64Array(buffer, 0, size * 2);
      for (let row = 0; row < size; row++) {
        const value = values[offset + row];
        if (value === undefined || value === null) {
          out[row * 2] = 0n;
          out[row * 2 + 1] = 0n;
          isNull(row);
        } else {
          out[row * 2] = (value as bigint) & U64_MASK;
          out[row * 2 + 1] = (value as bigint) >> 64n;
        }
      }
      return;
    }
  }
}
