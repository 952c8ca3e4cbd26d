/**
 * Error items: one row per (environment, fingerprint), its counters kept by the error writer in
 * the same transaction as the occurrences they count. Times are Unix milliseconds.
 */
export const ERROR_ITEMS_DDL = `CREATE TABLE IF NOT EXISTS error_items (
  id BIGINT PRIMARY KEY,
  environment VARCHAR NOT NULL,
  fingerprint VARCHAR NOT NULL,
  title VARCHAR NOT NULL,
  level VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  exception_class VARCHAR,
  framework VARCHAR,
  platform VARCHAR,
  language VARCHAR,
  total_occurrences BIGINT NOT NULL,
  first_occurrence_id BIGINT NOT NULL,
  first_occurrence_ms BIGINT NOT NULL,
  last_occurrence_id BIGINT NOT NULL,
  last_occurrence_ms BIGINT NOT NULL,
  last_activated_ms BIGINT,
  activating_occurrence_id BIGINT,
  last_resolved_ms BIGINT,
  resolved_in_version VARCHAR
)`;

/**
 * Occurrences. The primary key on `uuid` is what makes a re-delivered report a no-op; trace and
 * span ids have the `spans` table's types so a trace view joins them directly.
 */
export const OCCURRENCE_COLUMNS = [
  ['id', 'BIGINT NOT NULL'],
  ['uuid', 'VARCHAR PRIMARY KEY'],
  ['item_id', 'BIGINT NOT NULL'],
  ['time_ms', 'BIGINT NOT NULL'],
  ['received_ms', 'BIGINT NOT NULL'],
  ['level', 'VARCHAR NOT NULL'],
  ['environment', 'VARCHAR NOT NULL'],
  ['exception_class', 'VARCHAR'],
  ['message', 'VARCHAR'],
  ['trace_id', 'UHUGEINT'],
  ['span_id', 'UBIGINT'],
  ['code_version', 'VARCHAR'],
  ['framework', 'VARCHAR'],
  ['platform', 'VARCHAR'],
  ['language', 'VARCHAR'],
  ['context', 'VARCHAR'],
  ['host', 'VARCHAR'],
  ['person_id', 'VARCHAR'],
  ['request_json', 'VARCHAR'],
  ['person_json', 'VARCHAR'],
  ['data_json', 'VARCHAR NOT NULL'],
] as const;

export const ERROR_OCCURRENCES_DDL = `CREATE TABLE IF NOT EXISTS error_occurrences (\n${OCCURRENCE_COLUMNS.map(
  ([name, type]) => `  ${name} ${type}`,
).join(',\n')}\n)`;
