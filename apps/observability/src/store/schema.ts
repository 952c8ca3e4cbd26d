import type { ColumnType } from '../model/attributes.js';

/** Row kinds in the events view: Honeycomb's model, where spans, logs and plain events share a dataset. */
export const SIGNAL = { span: 1, log: 2, event: 3 } as const;
export type Signal = keyof typeof SIGNAL;

/**
 * The fixed columns of the events view, in order, which is also the layout rows are built in.
 * Spans are stored in `spans`, log records and plain events in `logs`, each table with only the
 * fixed columns its rows use (see `STORED_COLUMNS`): DuckDB pays for every column of a table on
 * every row written, NULL or not. The `events` view puts them back together, as Honeycomb keeps
 * one dataset, so every query and view works on every source. Attribute keys become typed
 * columns after these (see `attributeColumnName`), in the table whose rows carry them, so a query
 * reads them at column speed. There is no PRIMARY KEY on purpose (it slows loading several
 * times); re-delivery is filtered at insert instead, on (`trace_id`, `event_id`).
 */
export const EVENT_COLUMNS = [
  ['signal', 'UTINYINT NOT NULL'],
  ['source', 'VARCHAR NOT NULL'],
  ['service', 'VARCHAR NOT NULL'],
  /** Span start, log time or event time. */
  ['time_unix_nano', 'BIGINT NOT NULL'],
  /** Dedupe key: the span id for spans, a content hash for logs and plain events. */
  ['event_id', 'UBIGINT NOT NULL'],
  ['trace_id', 'UHUGEINT'],
  ['span_id', 'UBIGINT'],
  /** For a log record: the span it was written in (Honeycomb's `trace.parent_id`). */
  ['parent_span_id', 'UBIGINT'],
  ['name', 'VARCHAR'],
  ['kind', 'UTINYINT'],
  ['duration_ms', 'DOUBLE'],
  ['status_code', 'UTINYINT'],
  ['status_message', 'VARCHAR'],
  ['trace_state', 'VARCHAR'],
  ['flags', 'UINTEGER'],
  ['severity_number', 'UTINYINT'],
  ['severity_text', 'VARCHAR'],
  ['body', 'VARCHAR'],
  ['log_group', 'VARCHAR'],
  ['log_stream', 'VARCHAR'],
  ['resource_id', 'UBIGINT NOT NULL'],
  /** JSON of attributes no typed column holds exactly: structured values, keys past the limit. */
  ['attributes_extra', 'VARCHAR'],
  ['events_json', 'VARCHAR'],
  ['links_json', 'VARCHAR'],
  ['dropped_attributes_count', 'UINTEGER'],
] as const;

export type EventColumn = (typeof EVENT_COLUMNS)[number][0];

/** The tables rows are stored in. */
export type StoredTable = 'spans' | 'logs';

/** The fixed columns each stored table has, in view order; the view reads the others as NULL. */
export const STORED_COLUMNS: Record<StoredTable, readonly EventColumn[]> = {
  // Every row of `spans` is a span, and a span's dedupe key is its span id: the view supplies
  // `signal` and `event_id`.
  spans: [
    'source',
    'service',
    'time_unix_nano',
    'trace_id',
    'span_id',
    'parent_span_id',
    'name',
    'kind',
    'duration_ms',
    'status_code',
    'status_message',
    'trace_state',
    'flags',
    'resource_id',
    'attributes_extra',
    'events_json',
    'links_json',
    'dropped_attributes_count',
  ],
  // Plain events (signal 3) are timestamped records without a trace, stored beside log records.
  logs: [
    'signal',
    'source',
    'service',
    'time_unix_nano',
    'event_id',
    'trace_id',
    'parent_span_id',
    'name',
    'duration_ms',
    'flags',
    'severity_number',
    'severity_text',
    'body',
    'log_group',
    'log_stream',
    'resource_id',
    'attributes_extra',
    'dropped_attributes_count',
  ],
};

/** The SQL type of each fixed column. */
export const FIXED_SQL_TYPE: ReadonlyMap<EventColumn, string> = new Map(EVENT_COLUMNS);

export function storedTableDdl(table: StoredTable): string {
  const columns = STORED_COLUMNS[table].map((name) => `  ${name} ${FIXED_SQL_TYPE.get(name)}`);
  return `CREATE TABLE IF NOT EXISTS ${table} (\n${columns.join(',\n')}\n)`;
}

/**
 * Spans and logs as one relation. `UNION ALL BY NAME` matches columns by name and reads a column
 * one table lacks as NULL, so attribute columns added to either table later appear here without
 * the view being redefined, and a filter on a column one side lacks skips that side entirely.
 * Replaced at every open, so a file always reads through this version's definition.
 */
export const EVENTS_VIEW_DDL = `CREATE OR REPLACE VIEW events AS
  SELECT ${SIGNAL.span}::UTINYINT AS signal, span_id AS event_id, * FROM spans
  UNION ALL BY NAME
  SELECT * FROM logs`;

/** Resources (with their instrumentation scope) are stored once and joined by `resource_id`. */
export const RESOURCES_DDL = `CREATE TABLE IF NOT EXISTS resources (
  resource_id UBIGINT NOT NULL,
  service VARCHAR NOT NULL,
  attributes_json VARCHAR NOT NULL,
  scope_name VARCHAR NOT NULL,
  scope_version VARCHAR NOT NULL,
  scope_attributes_json VARCHAR NOT NULL,
  schema_url VARCHAR NOT NULL
)`;

/** Which attribute columns each dataset has written, for `/1/columns` and query resolution. */
export const COLUMNS_DDL = `CREATE TABLE IF NOT EXISTS dataset_columns (
  dataset VARCHAR NOT NULL,
  key_name VARCHAR NOT NULL,
  type VARCHAR NOT NULL,
  table_name VARCHAR NOT NULL,
  created_at_ms BIGINT NOT NULL
)`;

export const QUERIES_DDL = `CREATE TABLE IF NOT EXISTS saved_queries (
  dataset VARCHAR NOT NULL,
  id VARCHAR NOT NULL,
  spec_json VARCHAR NOT NULL,
  created_at_ms BIGINT NOT NULL
)`;

/** Where attribute columns are queried from: the events view (alias `e`) and resources (`r`). */
export type AttributeTable = 'events' | 'resources';
/** Where an attribute column physically lives. */
export type PhysicalTable = StoredTable | 'resources';

/** The stored table a row of this signal goes to. */
export function storedTableOf(signal: number): StoredTable {
  return signal === SIGNAL.span ? 'spans' : 'logs';
}

const TYPE_PREFIX: Record<ColumnType, string> = {
  string: 's',
  integer: 'i',
  float: 'f',
  boolean: 'b',
};

export const SQL_TYPE: Record<ColumnType, string> = {
  string: 'VARCHAR',
  integer: 'BIGINT',
  float: 'DOUBLE',
  boolean: 'BOOLEAN',
};

/**
 * The physical column for one attribute key holding one type: `s:http.route`, `i:http.status_code`.
 * A key seen with two types gets two columns, so no value is ever coerced at ingest.
 */
export function attributeColumnName(key: string, type: ColumnType): string {
  return `${TYPE_PREFIX[type]}:${key}`;
}

/** The key and type an attribute column holds, from its physical name. */
export function parseAttributeColumnName(name: string): { key: string; type: ColumnType } {
  const type = TYPE_OF_PREFIX.get(name.slice(0, 2));
  if (type === undefined) throw new Error(`not an attribute column: ${name}`);
  return { key: name.slice(2), type };
}

const TYPE_OF_PREFIX = new Map(
  Object.entries(TYPE_PREFIX).map(([type, prefix]) => [`${prefix}:`, type as ColumnType]),
);

/** Double-quotes an identifier for DuckDB. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
