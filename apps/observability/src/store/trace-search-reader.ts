import type { TraceSummary } from '../contract/console-api.js';
import { STATUS_CODES, type StatusCode } from '../model/span.js';
import type { UnixNanos } from '../model/time.js';
import { SqlParams } from '../query/sql-params.js';
import { quoteIdentifier, SIGNAL } from './schema.js';
import type { SqlRunner } from './trace-reader.js';

export interface TraceSearch {
  readonly startNanos: UnixNanos;
  readonly endNanos: UnixNanos;
  readonly service?: string;
  /** Case-insensitive substring of the span name. */
  readonly name?: string;
  readonly minMs?: number;
  readonly maxMs?: number;
  readonly status?: StatusCode;
  /** One attribute equality, compared as text whatever the column's type. */
  readonly attribute?: { readonly key: string; readonly value: string };
  readonly limit: number;
}

/**
 * Finds the newest traces having one span that matches every criterion, and summarizes each
 * whole trace (root span, extent, span and error counts). The root is the span without a parent,
 * else the earliest, so a trace whose root has not arrived yet still gets a name.
 */
export async function searchTraces(
  run: SqlRunner,
  attributeColumns: ReadonlyMap<string, unknown>,
  search: TraceSearch,
): Promise<TraceSummary[]> {
  const params = new SqlParams();
  const where = [
    `e.signal = ${SIGNAL.span}`,
    'e.trace_id IS NOT NULL',
    `e.time_unix_nano >= ${params.add(search.startNanos)}`,
    `e.time_unix_nano < ${params.add(search.endNanos)}`,
  ];
  if (search.service) where.push(`e.service = ${params.add(search.service)}`);
  if (search.name) where.push(`contains(lower(e.name), lower(${params.add(search.name)}))`);
  if (search.minMs !== undefined) where.push(`e.duration_ms >= ${params.add(search.minMs)}`);
  if (search.maxMs !== undefined) where.push(`e.duration_ms <= ${params.add(search.maxMs)}`);
  if (search.status) where.push(`e.status_code = ${STATUS_CODES.indexOf(search.status)}`);
  if (search.attribute) {
    const columns = typedColumnsOf(attributeColumns, search.attribute.key);
    if (columns.length === 0) return [];
    const value = params.add(search.attribute.value);
    where.push(
      `(${columns.map((c) => `CAST(e.${quoteIdentifier(c)} AS VARCHAR) = ${value}`).join(' OR ')})`,
    );
  }
  // Fast path: the newest matching spans (a top-N sort, no grouping of millions of spans) name
  // the newest traces, unless a few huge traces fill them; then the exact grouping runs.
  const fast = await run(summarySql(where, 'fast', params.values.length), [
    ...params.values,
    Math.min(search.limit * CANDIDATES_PER_TRACE, MAX_CANDIDATES),
    search.limit,
  ]);
  const rows =
    fast.length >= search.limit
      ? fast
      : await run(summarySql(where, 'exact', params.values.length), [
          ...params.values,
          search.limit,
        ]);
  return rows.map(rowToSummary);
}

const CANDIDATES_PER_TRACE = 50;
const MAX_CANDIDATES = 100_000;

/** The summaries of the newest traces among the spans matching `where` (parameters 1…n). */
function summarySql(where: readonly string[], mode: 'fast' | 'exact', n: number): string {
  const matched =
    mode === 'fast'
      ? `recent AS (
           SELECT e.trace_id, e.time_unix_nano FROM events e WHERE ${where.join(' AND ')}
           ORDER BY e.time_unix_nano DESC LIMIT $${n + 1}
         ),
         matched AS (
           SELECT trace_id, max(time_unix_nano) AS last_match FROM recent
           GROUP BY trace_id ORDER BY last_match DESC LIMIT $${n + 2}
         )`
      : `matched AS (
           SELECT e.trace_id, max(e.time_unix_nano) AS last_match
           FROM events e WHERE ${where.join(' AND ')}
           GROUP BY e.trace_id ORDER BY last_match DESC LIMIT $${n + 1}
         )`;
  return `WITH ${matched}
     SELECT printf('%032x', e.trace_id) AS trace_id,
            min(e.time_unix_nano) AS start_nanos,
            (max(e.time_unix_nano + CAST(round(e.duration_ms * 1e6) AS BIGINT)) - min(e.time_unix_nano)) / 1e6 AS duration_ms,
            count(*) AS span_count,
            count(*) FILTER (WHERE e.status_code = 2) AS error_count,
            arg_min(e.service, [CASE WHEN e.parent_span_id IS NULL THEN 0 ELSE 1 END, e.time_unix_nano]) AS root_service,
            arg_min(e.name, [CASE WHEN e.parent_span_id IS NULL THEN 0 ELSE 1 END, e.time_unix_nano]) AS root_name,
            list(DISTINCT e.service ORDER BY e.service) AS services,
            any_value(m.last_match) AS last_match
     FROM events e JOIN matched m USING (trace_id)
     WHERE e.signal = ${SIGNAL.span}
     GROUP BY e.trace_id
     ORDER BY last_match DESC`;
}

function rowToSummary(row: Record<string, unknown>): TraceSummary {
  return {
    traceId: String(row.trace_id),
    rootService: String(row.root_service ?? ''),
    rootName: String(row.root_name ?? ''),
    startTimeUnixNano: String(row.start_nanos),
    durationMs: Number(row.duration_ms ?? 0),
    spanCount: Number(row.span_count),
    errorCount: Number(row.error_count),
    services: Array.isArray(row.services) ? row.services.map(String) : [],
  };
}

/** The typed columns (`s:k`, `i:k`, …) an attribute key has been written to. */
function typedColumnsOf(columns: ReadonlyMap<string, unknown>, key: string): string[] {
  return ['s', 'i', 'f', 'b'].map((p) => `${p}:${key}`).filter((c) => columns.has(c));
}
