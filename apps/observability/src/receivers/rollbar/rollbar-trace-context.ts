import { parseSpanIdHex, parseTraceIdHex, type SpanId, type TraceId } from '../../model/ids.js';
import type { RollbarData } from './rollbar-item-schema.js';

const TRACE_KEYS = ['trace_id', 'traceId', 'traceID', 'trace.id', 'opentracing_trace_id'];
const SPAN_KEYS = ['span_id', 'spanId', 'spanID', 'span.id', 'opentracing_span_id'];

export interface TraceContext {
  readonly traceId: TraceId | null;
  readonly spanId: SpanId | null;
}

/**
 * The trace an occurrence was reported in, when the reporter attached one: rollbar.js puts it in
 * `data.attributes` (`[{key: "trace_id", value}]`), others in `custom` (`trace_id`, `traceId`,
 * `trace.id`, a W3C `traceparent`, an OpenTracing id) or at the top of `data`. Ids that do not
 * parse are ignored: a bad trace id never costs the occurrence.
 */
export function rollbarTraceContext(data: RollbarData): TraceContext {
  const sources = [
    attributeMap(data.attributes),
    data.custom ?? {},
    data as Record<string, unknown>,
  ];
  let traceId: TraceId | null = null;
  let spanId: SpanId | null = null;
  for (const source of sources) {
    const parent = traceparent(source.traceparent);
    traceId ??= firstParsed(source, TRACE_KEYS, parseAnyTraceId) ?? parent?.traceId ?? null;
    spanId ??= firstParsed(source, SPAN_KEYS, parseSpanId) ?? parent?.spanId ?? null;
    const nested = source.trace;
    if (nested !== null && typeof nested === 'object') {
      traceId ??= firstParsed(
        nested as Record<string, unknown>,
        ['id', 'trace_id'],
        parseAnyTraceId,
      );
    }
  }
  return { traceId, spanId };
}

function attributeMap(attributes: unknown): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  if (!Array.isArray(attributes)) return map;
  for (const entry of attributes) {
    if (entry !== null && typeof entry === 'object' && typeof entry.key === 'string') {
      map[entry.key] = entry.value;
    }
  }
  return map;
}

function firstParsed<T>(
  source: Record<string, unknown>,
  keys: readonly string[],
  parse: (value: string) => T | undefined,
): T | null {
  for (const key of keys) {
    const value = source[key];
    if (typeof value !== 'string') continue;
    const parsed = parse(value.trim());
    if (parsed !== undefined) return parsed;
  }
  return null;
}

/** 32 hex digits, a 64-bit id of 16 (widened as W3C does), or an X-Ray id `1-xxxxxxxx-y…y`. */
export function parseAnyTraceId(value: string): TraceId | undefined {
  const xray = /^1-([0-9a-f]{8})-([0-9a-f]{24})$/i.exec(value);
  if (xray) return parseTraceIdHex(`${xray[1]}${xray[2]}`);
  if (/^[0-9a-f]{16}$/i.test(value)) return parseTraceIdHex(value.padStart(32, '0'));
  return parseTraceIdHex(value);
}

function parseSpanId(value: string): SpanId | undefined {
  return parseSpanIdHex(value);
}

function traceparent(value: unknown): TraceContext | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/i.exec(value.trim());
  if (!match) return undefined;
  return {
    traceId: parseTraceIdHex(match[1]!) ?? null,
    spanId: parseSpanIdHex(match[2]!) ?? null,
  };
}
