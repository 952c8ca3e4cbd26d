/** 128-bit trace id, big-endian, as an unsigned bigint. Zero is never valid. */
export type TraceId = bigint & { readonly __brand: 'TraceId' };
/** 64-bit span id, big-endian, as an unsigned bigint. Zero is never valid. */
export type SpanId = bigint & { readonly __brand: 'SpanId' };

const TRACE_HEX = /^[0-9a-fA-F]{32}$/;
const SPAN_HEX = /^[0-9a-fA-F]{16}$/;

/** Parses a 32-character hex trace id; undefined when malformed or all zero (OTLP forbids it). */
export function parseTraceIdHex(hex: string): TraceId | undefined {
  if (!TRACE_HEX.test(hex)) return undefined;
  const value = BigInt(`0x${hex}`);
  return value === 0n ? undefined : (value as TraceId);
}

/** Parses a 16-character hex span id; undefined when malformed or all zero. */
export function parseSpanIdHex(hex: string): SpanId | undefined {
  if (!SPAN_HEX.test(hex)) return undefined;
  const value = BigInt(`0x${hex}`);
  return value === 0n ? undefined : (value as SpanId);
}

export function traceIdToHex(id: TraceId): string {
  return id.toString(16).padStart(32, '0');
}

export function spanIdToHex(id: SpanId): string {
  return id.toString(16).padStart(16, '0');
}

/** Reads 16 big-endian bytes as a trace id; undefined for a wrong length or all zero. */
export function traceIdFromBytes(bytes: Uint8Array): TraceId | undefined {
  if (bytes.length !== 16) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
  const value = (view.getBigUint64(0) << 64n) | view.getBigUint64(8);
  return value === 0n ? undefined : (value as TraceId);
}

/** Reads 8 big-endian bytes as a span id; undefined for a wrong length or all zero. */
export function spanIdFromBytes(bytes: Uint8Array): SpanId | undefined {
  if (bytes.length !== 8) return undefined;
  const value = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0);
  return value === 0n ? undefined : (value as SpanId);
}
