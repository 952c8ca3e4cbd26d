import { context, isSpanContextValid, trace } from '@opentelemetry/api';

/** The fields every log record carries to tie it to the active span. */
export interface TraceFields {
  trace_id?: string;
  span_id?: string;
  trace_flags?: string;
}

/**
 * A pino `mixin`: the active span's ids as `trace_id`, `span_id` and `trace_flags` (hex, the
 * names the OpenTelemetry log data model and the pino instrumentation use). Outside a span it
 * adds nothing. Fields passed to the logging call win, so a record can name another span.
 *
 * @example
 * pino({ mixin: traceMixin });
 */
export function traceMixin(): TraceFields {
  const spanContext = trace.getSpanContext(context.active());
  if (spanContext === undefined || !isSpanContextValid(spanContext)) return {};
  return {
    trace_id: spanContext.traceId,
    span_id: spanContext.spanId,
    trace_flags: `0${spanContext.traceFlags.toString(16)}`.slice(-2),
  };
}
