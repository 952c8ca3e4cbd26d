import type { ColumnType } from '../model/attributes.js';

/** Row kinds in the events table: Honeycomb's model, where spans, logs and plain events share a dataset. */
export const SIGNAL = { span: 1, log: 2, event: 3 } as const;
export type Signal = keyof typeof SIGNAL;

/**
 * The fixed columns of the events table, in order. One wide table holds every span, log record
 * and plain event, as Honeycomb keeps one columnar dataset, so every query and view works on
 * every source. Attribute keys become typed columns after these (see `attributeColumnName`) so a
 * query reads them at column speed. There is no PRIMARY KEY on purpose (it slows loading several
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

export const EVENTS_DDL = `CREATE TABLE IF NOT EXISTS events (\n${EVENT_COLUMNS.map(
  ([name, type]) => `  ${name} ${type}`,
).join(',\n')}\n)`;

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

export type AttributeTable = 'events' | 'resources';

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
