import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  type DuckDBType,
  UBIGINT,
  UHUGEINT,
  UINTEGER,
  UTINYINT,
  VARCHAR,
} from '@duckdb/node-api';

/** How a column's values are laid out in a DuckDB vector. */
export type ColumnLayout = 'u8' | 'u32' | 'i64' | 'u64' | 'u128' | 'f64' | 'bool' | 'varchar';
/** A plain value a column can be set from. */
export type CellValue = string | number | bigint | boolean;

export type FixedLayout = Exclude<ColumnLayout, 'varchar'>;

/** A column of a table rows are inserted into: its DuckDB type (for the chunk) and its vector layout. */
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

/** Bytes one value takes in a vector of each fixed-width layout. */
export const VALUE_BYTES: Record<FixedLayout, number> = {
  u8: 1,
  bool: 1,
  u32: 4,
  i64: 8,
  u64: 8,
  f64: 8,
  u128: 16,
};

/** The DuckDB type and vector layout of a column's SQL type (`VARCHAR NOT NULL` → VARCHAR). */
export function appendColumn(sqlType: string): AppendColumn {
  const column = COLUMNS[sqlType.split(' ')[0]!];
  if (column === undefined) throw new Error(`no vector layout for ${sqlType}`);
  return column;
}

/** DuckDB's vector size: a data chunk holds at most this many rows. */
export const CHUNK_ROWS = 2048;
