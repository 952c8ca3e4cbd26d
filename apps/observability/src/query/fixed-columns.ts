import type { ColumnType } from '../model/attributes.js';
import { SPAN_KINDS } from '../model/span.js';
import type { ResolvedColumn } from './column-resolver.js';

function fixed(keyName: string, sql: string, type: ColumnType, needsResources = false) {
  return { keyName, sql, type, needsResources } satisfies ResolvedColumn;
}

/**
 * Honeycomb's names for the span, log and event fields the store keeps in real columns. They
 * win over an attribute of the same name: `service.name` is the dataset, whatever a resource says.
 * Ids are printed as Honeycomb shows them, lower-case hex zero-padded to 32 / 16 digits.
 */
export const FIXED_COLUMNS: readonly ResolvedColumn[] = [
  fixed('duration_ms', 'e.duration_ms', 'float'),
  fixed('name', 'e.name', 'string'),
  fixed('service.name', 'e.service', 'string'),
  fixed('trace.trace_id', "printf('%032x', e.trace_id)", 'string'),
  fixed('trace.span_id', "printf('%016x', e.span_id)", 'string'),
  fixed('trace.parent_id', "printf('%016x', e.parent_span_id)", 'string'),
  fixed(
    'span.kind',
    `CASE e.kind ${SPAN_KINDS.map((kind, code) => `WHEN ${code} THEN '${kind}'`).join(' ')} END`,
    'string',
  ),
  fixed('error', '(e.status_code = 2)', 'boolean'),
  fixed('status_code', 'e.status_code', 'integer'),
  fixed('status_message', 'e.status_message', 'string'),
  fixed(
    'meta.signal_type',
    "CASE e.signal WHEN 1 THEN 'trace' WHEN 2 THEN 'log' WHEN 3 THEN 'event' END",
    'string',
  ),
  fixed('severity', 'e.severity_text', 'string'),
  fixed('severity_code', 'e.severity_number', 'integer'),
  fixed('body', 'e.body', 'string'),
  fixed('log_group', 'e.log_group', 'string'),
  fixed('log_stream', 'e.log_stream', 'string'),
  fixed('library.name', 'r.scope_name', 'string', true),
  fixed('library.version', 'r.scope_version', 'string', true),
];

export const FIXED_COLUMNS_BY_NAME: ReadonlyMap<string, ResolvedColumn> = new Map(
  FIXED_COLUMNS.map((column) => [column.keyName, column]),
);
