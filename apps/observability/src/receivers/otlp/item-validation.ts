import type { SpanId, TraceId } from '../../model/ids.js';
import { SPAN_KINDS } from '../../model/span.js';

/**
 * An id field as either decoder read it: `undefined` when absent or empty, `null` when it has
 * the wrong length (or, in JSON, is not hex), otherwise its big-endian value (0n = all zeros).
 * Both encodings reduce ids to this so that they are validated by the same rules.
 */
export type RawId = bigint | null | undefined;

const MAX_UINT64 = (1n << 64n) - 1n;
const MAX_INT64 = (1n << 63n) - 1n;

/** Why a span must be rejected, or undefined when it is acceptable. Reasons are fixed text. */
export function spanRejectReason(
  traceId: RawId,
  spanId: RawId,
  parentSpanId: RawId,
  kind: number,
  startTimeUnixNano: bigint,
  endTimeUnixNano: bigint,
): string | undefined {
  if (traceId === undefined) return 'trace_id is missing';
  if (traceId === null) return 'trace_id must be 16 bytes (32 hex digits)';
  if (traceId === 0n) return 'trace_id is all zeros';
  if (spanId === undefined) return 'span_id is missing';
  if (spanId === null) return 'span_id must be 8 bytes (16 hex digits)';
  if (spanId === 0n) return 'span_id is all zeros';
  if (parentSpanId === null) return 'parent_span_id must be empty or 8 bytes (16 hex digits)';
  if (!Number.isInteger(kind) || kind < 0 || kind >= SPAN_KINDS.length)
    return 'kind is out of range';
  if (!fitsTimestamp(startTimeUnixNano) || !fitsTimestamp(endTimeUnixNano)) {
    return 'timestamps must be nanoseconds before the year 2262 (signed 64-bit)';
  }
  return undefined;
}

/** Why a log record must be rejected, or undefined. Empty ids are fine: most logs have none. */
export function logRejectReason(
  traceId: RawId,
  spanId: RawId,
  timeUnixNano: bigint,
  observedTimeUnixNano: bigint,
): string | undefined {
  if (traceId === null) return 'trace_id must be empty or 16 bytes (32 hex digits)';
  if (spanId === null) return 'span_id must be empty or 8 bytes (16 hex digits)';
  if (!fitsTimestamp(timeUnixNano) || !fitsTimestamp(observedTimeUnixNano)) {
    return 'timestamps must be nanoseconds before the year 2262 (signed 64-bit)';
  }
  return undefined;
}

/** Whether a link's ids identify a span; links that do not are dropped, not the whole span. */
export function isValidLinkId(traceId: RawId, spanId: RawId): boolean {
  return (
    typeof traceId === 'bigint' && traceId !== 0n && typeof spanId === 'bigint' && spanId !== 0n
  );
}

/** A validated id; all-zero and empty both mean "none", as for a root span's parent. */
export function optionalSpanId(id: RawId): SpanId | null {
  return typeof id === 'bigint' && id !== 0n ? (id as SpanId) : null;
}

export function optionalTraceId(id: RawId): TraceId | null {
  return typeof id === 'bigint' && id !== 0n ? (id as TraceId) : null;
}

/**
 * Times are stored as signed 64-bit nanoseconds (DuckDB BIGINT, up to the year 2262); a later
 * one would fail the whole commit it lands in, so it is rejected here with its item.
 */
export function fitsTimestamp(value: bigint): boolean {
  return value >= 0n && value <= MAX_INT64;
}

export function fitsUint64(value: bigint): boolean {
  return value >= 0n && value <= MAX_UINT64;
}
