import type { SpanView, TraceView } from '../contract/trace-view.js';
import { type AttributeValue, attributeToJson } from '../model/attributes.js';
import { type SpanId, spanIdToHex, type TraceId, traceIdToHex } from '../model/ids.js';
import { SPAN_KINDS, STATUS_CODES } from '../model/span.js';
import type { ColumnCatalog } from './column-catalog.js';
import { parentFirstOrder } from './parent-first-order.js';
import { SIGNAL } from './schema.js';

export type SqlRunner = (
  sql: string,
  params?: readonly unknown[],
) => Promise<Record<string, unknown>[]>;

/** Reads one trace for the waterfall: its spans with attributes rebuilt from the typed columns. */
export async function readTrace(
  run: SqlRunner,
  catalog: ColumnCatalog,
  traceId: TraceId,
): Promise<TraceView | undefined> {
  const rows = await run(
    `SELECT e.*, r.attributes_json AS resource_json
     FROM events e LEFT JOIN resources r USING (resource_id)
     WHERE e.trace_id = $1::UHUGEINT AND e.signal = ${SIGNAL.span}`,
    // A bigint parameter binds as signed HUGEINT and silently wraps past 2^127; text does not.
    [traceId.toString()],
  );
  if (rows.length === 0) return undefined;
  const attributeColumns = [...catalog.physicalColumns('spans').keys()];
  const spans = rows.map((row) => rowToSpanView(row, attributeColumns));
  const ordered = parentFirstOrder(
    spans,
    (s) => s.spanId,
    (s) => s.parentSpanId,
    (s) => BigInt(s.startTimeUnixNano),
  );
  return { traceId: traceIdToHex(traceId), spans: ordered };
}

export function rowToSpanView(
  row: Record<string, unknown>,
  attributeColumns: readonly string[],
): SpanView {
  const attributes: Record<string, unknown> = {};
  for (const column of attributeColumns) {
    const value = row[column];
    if (value !== null && value !== undefined)
      attributes[column.slice(2)] = attributeToJson(value as AttributeValue);
  }
  Object.assign(attributes, parseJson(row.attributes_extra, {}));
  const parent = row.parent_span_id as SpanId | null;
  return {
    traceId: traceIdToHex(row.trace_id as TraceId),
    spanId: spanIdToHex(row.span_id as SpanId),
    parentSpanId: parent === null ? null : spanIdToHex(parent),
    name: String(row.name ?? ''),
    service: String(row.service),
    kind: SPAN_KINDS[Number(row.kind)] ?? 'unspecified',
    startTimeUnixNano: String(row.time_unix_nano),
    durationMs: Number(row.duration_ms ?? 0),
    status: {
      code: STATUS_CODES[Number(row.status_code)] ?? 'unset',
      message: String(row.status_message ?? ''),
    },
    attributes,
    resource: parseJson(row.resource_json, {}),
    events: parseJson(row.events_json, []),
    links: parseJson(row.links_json, []),
    source: String(row.source),
  };
}

function parseJson<T>(value: unknown, fallback: T): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : fallback;
}
