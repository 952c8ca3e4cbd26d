import { parseTraceIdHex, type TraceId, traceIdToHex } from '../../model/ids.js';

const XRAY_TRACE_ID = /^1-([0-9a-fA-F]{8})-([0-9a-fA-F]{24})$/;

/**
 * `1-<8 hex epoch>-<24 hex>` is the same 128 bits as the W3C id of the 32 hex digits joined, so a
 * span sent through X-Ray and through OTLP lands in one trace.
 */
export function parseXrayTraceId(value: string): TraceId | undefined {
  const match = XRAY_TRACE_ID.exec(value);
  if (match === null) return undefined;
  return parseTraceIdHex(`${match[1]}${match[2]}`);
}

export function formatXrayTraceId(id: TraceId): string {
  const hex = traceIdToHex(id);
  return `1-${hex.slice(0, 8)}-${hex.slice(8)}`;
}
