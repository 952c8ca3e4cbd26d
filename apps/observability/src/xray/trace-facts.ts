import type { SpanView } from '../contract/trace-view.js';
import { unixNanosToSeconds } from '../model/time.js';
import { XRAY_KEYS as K } from '../receivers/xray/xray-attribute-keys.js';
import { httpUrlOf } from './http-url.js';

export type AnnotationValue = string | number | boolean;

/** What filter expressions and trace summaries read about one span, whatever its source. */
export interface SpanFacts {
  readonly span: SpanView;
  readonly service: string;
  readonly isRoot: boolean;
  readonly fault: boolean;
  readonly error: boolean;
  readonly throttle: boolean;
  readonly partial: boolean;
  readonly durationS: number;
  readonly http: {
    readonly url?: string;
    readonly method?: string;
    readonly status?: number;
    readonly userAgent?: string;
    readonly clientIp?: string;
  };
  readonly user?: string;
  readonly annotations: ReadonlyMap<string, AnnotationValue>;
}

export interface TraceFacts {
  readonly traceId: string;
  readonly spans: readonly SpanFacts[];
  readonly root: SpanFacts | undefined;
  readonly startS: number;
  readonly durationS: number;
}

/** Facts of one trace's spans; the root is the earliest span whose parent is not in the trace. */
export function traceFacts(traceId: string, spans: readonly SpanView[]): TraceFacts {
  const ids = new Set(spans.map((span) => span.spanId));
  const facts = spans.map((span) =>
    spanFacts(span, span.parentSpanId === null || !ids.has(span.parentSpanId)),
  );
  // In integer nanoseconds: seconds near 1.7e9 as doubles would blur a 600 ms trace to 0.5999….
  let start: bigint | undefined;
  let end: bigint | undefined;
  for (const span of spans) {
    const s = BigInt(span.startTimeUnixNano);
    const e = s + BigInt(Math.round(span.durationMs * 1e6));
    if (start === undefined || s < start) start = s;
    if (end === undefined || e > end) end = e;
  }
  const roots = facts.filter((f) => f.isRoot);
  roots.sort((a, b) =>
    BigInt(a.span.startTimeUnixNano) < BigInt(b.span.startTimeUnixNano) ? -1 : 1,
  );
  return {
    traceId,
    spans: facts,
    root: roots[0],
    startS: start === undefined ? 0 : unixNanosToSeconds(start),
    durationS: start === undefined || end === undefined ? 0 : Number(end - start) / 1e9,
  };
}

function spanFacts(span: SpanView, isRoot: boolean): SpanFacts {
  const a = span.attributes;
  const status = numberOf(a[K.status] ?? a['http.status_code']);
  const statusError = span.status.code === 'error';
  const fault =
    a[K.fault] === true ||
    (status !== undefined && status >= 500) ||
    (statusError && !(status !== undefined && status < 500 && status >= 400));
  return {
    span,
    service: span.service,
    isRoot,
    fault,
    error: a[K.error] === true || (status !== undefined && status >= 400 && status < 500),
    throttle: a[K.throttle] === true || status === 429,
    partial: a[K.inProgress] === true,
    durationS: span.durationMs / 1000,
    http: {
      url: httpUrlOf(a),
      method: stringOf(a[K.method] ?? a['http.method']),
      status,
      userAgent: stringOf(a[K.userAgent] ?? a['http.user_agent']),
      clientIp: stringOf(a[K.clientIp] ?? a['http.client_ip'] ?? a['net.peer.ip']),
    },
    user: stringOf(a[K.user]),
    annotations: annotationsOf(a),
  };
}

/** The keys named in `aws.xray.annotations`, as X-Ray exporters mark indexed attributes. */
function annotationsOf(attributes: Record<string, unknown>): Map<string, AnnotationValue> {
  const out = new Map<string, AnnotationValue>();
  const keys = attributes[K.annotations];
  if (!Array.isArray(keys)) return out;
  for (const key of keys) {
    if (typeof key !== 'string') continue;
    const value = attributes[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out.set(key, value);
    }
  }
  return out;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}
