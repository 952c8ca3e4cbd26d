import type { SpanView } from '../contract/trace-view.js';
import { type TraceId, traceIdToHex } from '../model/ids.js';
import type { UnixNanos } from '../model/time.js';
import { parentFirstOrder } from './parent-first-order.js';
import { SIGNAL } from './schema.js';
import type { TelemetryStore } from './telemetry-store.js';
import { rowToSpanView } from './trace-reader.js';

export interface TraceCandidate {
  readonly traceId: TraceId;
}

/** How the X-Ray API's time range selects traces (X-Ray's `TimeRangeType`). */
export type TimeRangeType = 'Event' | 'TraceId' | 'Service';

/**
 * Trace ids with a span in the window, newest first. `TraceId` reads the epoch seconds X-Ray ids
 * carry in their first 32 bits, as X-Ray does.
 */
export async function traceIdsInRange(
  store: TelemetryStore,
  window: { readonly start: UnixNanos; readonly end: UnixNanos; readonly type: TimeRangeType },
  page: { readonly offset: number; readonly limit: number },
): Promise<TraceId[]> {
  const where =
    window.type === 'TraceId'
      ? `CAST(trace_id >> 96 AS BIGINT) BETWEEN $1 // 1000000000 AND $2 // 1000000000`
      : 'time_unix_nano BETWEEN $1 AND $2';
  const rows = await store.query(
    `SELECT trace_id::VARCHAR AS trace_id, max(time_unix_nano) AS last_start FROM events
     WHERE signal = ${SIGNAL.span} AND trace_id IS NOT NULL AND ${where}
     GROUP BY trace_id ORDER BY last_start DESC, trace_id LIMIT $3 OFFSET $4`,
    [window.start, window.end, page.limit, page.offset],
  );
  return rows.map((row) => BigInt(String(row.trace_id)) as TraceId);
}

/** The spans of several traces in one scan, each trace's spans parents first. */
export async function readTraces(
  store: TelemetryStore,
  traceIds: readonly TraceId[],
): Promise<Map<TraceId, SpanView[]>> {
  const out = new Map<TraceId, SpanView[]>();
  if (traceIds.length === 0) return out;
  // Ids bind as text: a bigint parameter past 2^127 wraps silently as HUGEINT.
  const list = traceIds.map((_, i) => `$${i + 1}::UHUGEINT`).join(', ');
  const rows = await store.query(
    `SELECT e.*, r.attributes_json AS resource_json
     FROM events e LEFT JOIN resources r USING (resource_id)
     WHERE e.signal = ${SIGNAL.span} AND e.trace_id IN (${list})`,
    traceIds.map((id) => id.toString()),
  );
  const attributeColumns = [...store.catalog.physicalColumns('spans').keys()];
  const byTrace = new Map<string, SpanView[]>();
  for (const row of rows) {
    const span = rowToSpanView(row, attributeColumns);
    const spans = byTrace.get(span.traceId) ?? [];
    spans.push(span);
    byTrace.set(span.traceId, spans);
  }
  for (const id of traceIds) {
    const spans = byTrace.get(traceIdToHex(id));
    if (spans === undefined) continue;
    out.set(
      id,
      parentFirstOrder(
        spans,
        (s) => s.spanId,
        (s) => s.parentSpanId,
        (s) => BigInt(s.startTimeUnixNano),
      ),
    );
  }
  return out;
}
