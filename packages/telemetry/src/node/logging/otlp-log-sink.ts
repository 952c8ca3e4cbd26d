import { ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import { type AnyValueMap, type Logger, SeverityNumber } from '@opentelemetry/api-logs';
import type { LogSink } from './log-sink.js';

const SEVERITY: Record<string, SeverityNumber> = {
  trace: SeverityNumber.TRACE,
  debug: SeverityNumber.DEBUG,
  info: SeverityNumber.INFO,
  warn: SeverityNumber.WARN,
  error: SeverityNumber.ERROR,
  fatal: SeverityNumber.FATAL,
};

/** Carried by the OTLP resource or the record's own fields, so not repeated as attributes. */
const NOT_ATTRIBUTES = new Set(['level', 'time', 'msg', 'trace_id', 'span_id', 'trace_flags']);
const HEX_TRACE_ID = /^[0-9a-f]{32}$/;
const HEX_SPAN_ID = /^[0-9a-f]{16}$/;

/** Lines waiting for the next tick; beyond this they are dropped and counted. */
const DEFAULT_MAX_PENDING = 2_048;

/**
 * Turns each JSON log line into an OpenTelemetry log record: `msg` is the body, `level` the
 * severity, `trace_id`/`span_id` the record's span context, an `err` object the semantic
 * `exception.*` attributes, and every other field an attribute. `write` only queues the line:
 * parsing and building records (most of the cost) happen on the next tick, off the logging
 * call, and need nothing from its context because the ids travel in the line.
 *
 * @example
 * const sink = new OtlpLogSink(loggerProvider.getLogger('cruddur'));
 * createLogger({ sinks: [sink] });
 */
export class OtlpLogSink implements LogSink {
  private pending: string[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  /** Lines dropped because the pending queue was full. */
  dropped = 0;

  constructor(
    private readonly logger: Logger,
    private readonly maxPending = DEFAULT_MAX_PENDING,
  ) {}

  write(line: string): void {
    if (this.pending.length >= this.maxPending) {
      this.dropped += 1;
      return;
    }
    this.pending.push(line);
    this.scheduled ??= setImmediate(() => {
      this.scheduled = undefined;
      this.drain();
    });
  }

  /** Emits every pending line now; flush and shutdown call it before the processor's flush. */
  drain(): void {
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const lines = this.pending;
    this.pending = [];
    for (const line of lines) this.emit(line);
  }

  private emit(line: string): void {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const level = typeof record.level === 'string' ? record.level : 'info';
    const time = typeof record.time === 'string' ? Date.parse(record.time) : Number.NaN;
    this.logger.emit({
      timestamp: Number.isNaN(time) ? Date.now() : time,
      severityNumber: SEVERITY[level] ?? SeverityNumber.UNSPECIFIED,
      severityText: level.toUpperCase(),
      ...(typeof record.msg === 'string' ? { body: record.msg } : {}),
      attributes: attributesOf(record),
      context: spanContextOf(record),
    });
  }
}

function attributesOf(record: Record<string, unknown>): AnyValueMap {
  const attributes: AnyValueMap = {};
  for (const [key, value] of Object.entries(record)) {
    if (NOT_ATTRIBUTES.has(key) || value === null || value === undefined) continue;
    if (key === 'err' && typeof value === 'object') {
      const error = value as { type?: unknown; message?: unknown; stack?: unknown };
      if (typeof error.type === 'string') attributes['exception.type'] = error.type;
      if (typeof error.message === 'string') attributes['exception.message'] = error.message;
      if (typeof error.stack === 'string') attributes['exception.stacktrace'] = error.stack;
      continue;
    }
    attributes[key] = value as AnyValueMap[string];
  }
  return attributes;
}

function spanContextOf(record: Record<string, unknown>) {
  const { trace_id: traceId, span_id: spanId, trace_flags: flags } = record;
  if (typeof traceId !== 'string' || !HEX_TRACE_ID.test(traceId)) return ROOT_CONTEXT;
  if (typeof spanId !== 'string' || !HEX_SPAN_ID.test(spanId)) return ROOT_CONTEXT;
  const traceFlags =
    typeof flags === 'string' ? Number.parseInt(flags, 16) & 0xff : TraceFlags.SAMPLED;
  return trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags, isRemote: true });
}
