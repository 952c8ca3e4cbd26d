import type { SqlParams } from '../query/sql-params.js';
import { INGESTION_TIME_ATTRIBUTE } from '../receivers/cloudwatch-logs/log-events-to-model.js';
import type { ColumnCatalog } from './column-catalog.js';
import { attributeColumnName, quoteIdentifier, SIGNAL } from './schema.js';

/**
 * OTLP log records carry no CloudWatch placement; the API shows them in the read-only group
 * `otlp/<service.name>`, stream = the resource's `service.instance.id`, else `default`.
 */
export const OTLP_GROUP_PREFIX = 'otlp/';
export const OTLP_DEFAULT_STREAM = 'default';

export function isOtlpGroup(name: string): boolean {
  return name.startsWith(OTLP_GROUP_PREFIX);
}

/** The SQL that selects one log group's events from `events e`, and how to name their stream. */
export interface LogGroupScope {
  /** `events e`, joined to its resources when the stream comes from them. */
  readonly from: string;
  readonly where: string;
  /** The stream name of a row. */
  readonly stream: string;
  /** The ingestion time of a row, in milliseconds. */
  readonly ingestionMs: string;
}

export function logGroupScope(
  group: string,
  params: SqlParams,
  catalog: ColumnCatalog,
): LogGroupScope {
  const ingestionMs = ingestionExpression(catalog);
  if (isOtlpGroup(group)) {
    return {
      from: 'events e LEFT JOIN resources r USING (resource_id)',
      where: `e.signal = ${SIGNAL.log} AND e.log_group IS NULL AND e.service = ${params.add(group.slice(OTLP_GROUP_PREFIX.length))}`,
      stream: `coalesce(json_extract_string(r.attributes_json, '$."service.instance.id"'), '${OTLP_DEFAULT_STREAM}')`,
      ingestionMs,
    };
  }
  return {
    from: 'events e',
    where: `e.signal = ${SIGNAL.log} AND e.log_group = ${params.add(group)}`,
    stream: 'e.log_stream',
    ingestionMs,
  };
}

/**
 * CloudWatch events keep their ingestion time as an attribute: in its typed column while the
 * table has room for it, else in the overflow JSON. OTLP records have none; their time stands in.
 */
function ingestionExpression(catalog: ColumnCatalog): string {
  const column = attributeColumnName(INGESTION_TIME_ATTRIBUTE, 'integer');
  const overflow = `TRY_CAST(json_extract_string(e.attributes_extra, '$."${INGESTION_TIME_ATTRIBUTE}"') AS BIGINT)`;
  const typed = catalog.physicalColumns('logs').has(column) ? `e.${quoteIdentifier(column)}, ` : '';
  return `coalesce(${typed}${overflow}, e.time_unix_nano // 1000000)`;
}
