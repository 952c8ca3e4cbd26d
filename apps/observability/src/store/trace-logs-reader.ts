import type { TraceLogView } from '../contract/console-api.js';
import { type SpanId, spanIdToHex, type TraceId } from '../model/ids.js';
import { SIGNAL } from './schema.js';
import type { SqlRunner } from './trace-reader.js';

const MAX_TRACE_LOGS = 5_000;

/** The log records written inside one trace, oldest first; a log keeps its span in `parent_span_id`. */
export async function readTraceLogs(run: SqlRunner, traceId: TraceId): Promise<TraceLogView[]> {
  const rows = await run(
    `SELECT time_unix_nano, parent_span_id AS span_id, service, severity_text, severity_number, body, log_group, log_stream
     FROM events WHERE trace_id = $1::UHUGEINT AND signal = ${SIGNAL.log}
     ORDER BY time_unix_nano LIMIT ${MAX_TRACE_LOGS}`,
    // Text, not bigint: a bigint parameter wraps past 2^127 (see readTrace).
    [traceId.toString()],
  );
  return rows.map((row) => ({
    timeUnixNano: String(row.time_unix_nano),
    spanId: row.span_id === null ? null : spanIdToHex(row.span_id as SpanId),
    service: String(row.service),
    severity: String(row.severity_text ?? '') || severityName(Number(row.severity_number ?? 0)),
    body: String(row.body ?? ''),
    logGroup: (row.log_group as string | null) ?? null,
    logStream: (row.log_stream as string | null) ?? null,
  }));
}

/** OTLP severity numbers 1–24 in ranges of four, for records that carry no severity text. */
function severityName(n: number): string {
  if (n <= 0) return '';
  return ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'][
    Math.min(5, Math.floor((n - 1) / 4))
  ]!;
}
