/** JSON shapes of `GET /api/traces/:traceId`, shared by the server and the console. */
export interface SpanView {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | null;
  readonly name: string;
  readonly service: string;
  readonly kind: string;
  /** Decimal string: nanoseconds do not fit a JSON number. */
  readonly startTimeUnixNano: string;
  readonly durationMs: number;
  readonly status: { readonly code: 'unset' | 'ok' | 'error'; readonly message: string };
  readonly attributes: Record<string, unknown>;
  readonly resource: Record<string, unknown>;
  readonly events: readonly unknown[];
  readonly links: readonly unknown[];
  readonly source: string;
}

export interface TraceView {
  readonly traceId: string;
  readonly spans: readonly SpanView[];
}
