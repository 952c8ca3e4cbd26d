import type { DatasetSummary, ErrorSpanSummary } from '../contract/console-api.js';
import { type SpanId, spanIdToHex } from '../model/ids.js';
import { SIGNAL } from './schema.js';
import type { SqlRunner } from './trace-reader.js';

/** Every dataset with how many spans, logs and plain events it holds, newest first. */
export async function readDatasetSummaries(run: SqlRunner): Promise<DatasetSummary[]> {
  const rows = await run(
    `SELECT service,
            count(*) FILTER (WHERE signal = ${SIGNAL.span}) AS spans,
            count(*) FILTER (WHERE signal = ${SIGNAL.log}) AS logs,
            count(*) FILTER (WHERE signal = ${SIGNAL.event}) AS events,
            max(time_unix_nano) // 1000000 AS last_ms
     FROM events GROUP BY service ORDER BY last_ms DESC, service`,
  );
  return rows.map((row) => ({
    name: String(row.service),
    spans: Number(row.spans),
    logs: Number(row.logs),
    events: Number(row.events),
    lastWrittenMs: Number(row.last_ms),
  }));
}

/** The newest spans whose status is error: what broke lately, whatever reported it. */
export async function readRecentErrorSpans(
  run: SqlRunner,
  limit: number,
): Promise<ErrorSpanSummary[]> {
  const rows = await run(
    `SELECT printf('%032x', trace_id) AS trace_id, span_id, service, name, status_message, time_unix_nano
     FROM events WHERE signal = ${SIGNAL.span} AND status_code = 2 AND trace_id IS NOT NULL
     ORDER BY time_unix_nano DESC LIMIT ${Math.trunc(limit)}`,
  );
  return rows.map((row) => ({
    traceId: String(row.trace_id),
    spanId: spanIdToHex(row.span_id as SpanId),
    service: String(row.service),
    name: String(row.name ?? ''),
    message: String(row.status_message ?? ''),
    startTimeUnixNano: String(row.time_unix_nano),
  }));
}
