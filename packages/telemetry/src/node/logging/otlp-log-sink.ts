import { ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import { type AnyValueMap, type Logger, SeverityNumber } from '@opentelemetry/api-logs';
import { pino } from 'pino';
import type { LogEntry, LogSink } from './log-sink.js';

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

/** Records waiting for the next tick; beyond this they are dropped and counted. */
const DEFAULT_MAX_PENDING = 2_048;

/** A record as it waits for the next tick: everything the log record needs, already copied. */
interface PendingRecord {
  timestamp: number;
  level: string;
  body: string | undefined;
  attributes: AnyValueMap;
  traceId: unknown;
  spanId: unknown;
  traceFlags: unknown;
}

/**
 * Turns each log record into an OpenTelemetry log record: `msg` is the body, `level` the
 * severity, `trace_id`/`span_id` the record's span context, an `err` object the semantic
 * `exception.*` attributes, and every other field an attribute. From the app's logger it takes
 * the fields pino had before serializing (copied at once, so a caller may reuse its objects);
 * given only a JSON line, it parses the line. `write` only queues: building records through the
 * SDK (most of the cost) happens on the next tick, off the logging call.
 *
 * @example
 * const sink = new OtlpLogSink(loggerProvider.getLogger('cruddur'));
 * createLogger({ sinks: [sink] });
 */
export class OtlpLogSink implements LogSink {
  private pending: (PendingRecord | string)[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  /** Records dropped because the pending queue was full. */
  dropped = 0;

  constructor(
    private readonly logger: Logger,
    private readonly maxPending = DEFAULT_MAX_PENDING,
  ) {}

  write(line: string, entry?: LogEntry): void {
    if (this.pending.length >= this.maxPending) {
      this.dropped += 1;
      return;
    }
    this.pending.push(entry === undefined ? line : fromEntry(entry));
    this.scheduled ??= setImmediate(() => {
      this.scheduled = undefined;
      this.drain();
    });
  }

  /** Emits every pending record now; flush and shutdown call it before the processor's flush. */
  drain(): void {
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const pending = this.pending;
    this.pending = [];
    for (const item of pending) {
      const record = typeof item === 'string' ? fromLine(item) : item;
      if (record !== undefined) this.emit(record);
    }
  }

  private emit(record: PendingRecord): void {
    this.logger.emit({
      timestamp: record.timestamp,
      severityNumber: SEVERITY[record.level] ?? SeverityNumber.UNSPECIFIED,
      severityText: record.level.toUpperCase(),
      ...(record.body === undefined ? {} : { body: record.body }),
      attributes: record.attributes,
      context: spanContextOf(record),
    });
  }
}

function fromLine(line: string): PendingRecord | undefined {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const time = typeof parsed.time === 'string' ? Date.parse(parsed.time) : Number.NaN;
  const attributes: AnyValueMap = {};
  addAttributes(attributes, parsed);
  return {
    timestamp: Number.isNaN(time) ? Date.now() : time,
    level: typeof parsed.level === 'string' ? parsed.level : 'info',
    body: typeof parsed.msg === 'string' ? parsed.msg : undefined,
    attributes,
    traceId: parsed.trace_id,
    spanId: parsed.span_id,
    traceFlags: parsed.trace_flags,
  };
}

/** The same record as `fromLine` would make of pino's line, without the line. */
function fromEntry(entry: LogEntry): PendingRecord {
  const fields = entry.fields as Record<string, unknown>;
  const attributes: AnyValueMap = {};
  addAttributes(attributes, bindingsOf(entry.logger));
  addAttributes(attributes, fields);
  const msg = entry.msg ?? fields.msg;
  return {
    timestamp: Date.now(),
    level: entry.logger.levels.labels[entry.level] ?? 'info',
    body: typeof msg === 'string' ? msg : undefined,
    attributes,
    traceId: fields.trace_id,
    spanId: fields.span_id,
    traceFlags: fields.trace_flags,
  };
}

const bindingsCache = new Map<string, Record<string, unknown>>();
const MAX_CACHED_BINDINGS = 64;

/**
 * A logger's `base` fields and child bindings, as they appear in its lines (pino keeps them
 * serialized; `logger.bindings()` would leave out pid and hostname). Parsed once per logger shape.
 */
function bindingsOf(logger: LogEntry['logger']): Record<string, unknown> {
  const chindings = (logger as unknown as Record<symbol, unknown>)[pino.symbols.chindingsSym];
  if (typeof chindings !== 'string' || chindings === '') return {};
  const cached = bindingsCache.get(chindings);
  if (cached !== undefined) return cached;
  let bindings: Record<string, unknown>;
  try {
    bindings = JSON.parse(`{${chindings.slice(1)}}`) as Record<string, unknown>;
  } catch {
    bindings = {};
  }
  if (bindingsCache.size >= MAX_CACHED_BINDINGS) bindingsCache.clear();
  bindingsCache.set(chindings, bindings);
  return bindings;
}

function addAttributes(attributes: AnyValueMap, record: Record<string, unknown>): void {
  for (const key in record) {
    const value = record[key];
    if (NOT_ATTRIBUTES.has(key) || value === null || value === undefined) continue;
    if (key === 'err' && typeof value === 'object') {
      const error = (value instanceof Error ? pino.stdSerializers.err(value) : value) as {
        type?: unknown;
        message?: unknown;
        stack?: unknown;
      };
      if (typeof error.type === 'string') attributes['exception.type'] = error.type;
      if (typeof error.message === 'string') attributes['exception.message'] = error.message;
      if (typeof error.stack === 'string') attributes['exception.stacktrace'] = error.stack;
      continue;
    }
    const attribute = attributeValue(value);
    if (attribute !== undefined) attributes[key] = attribute;
  }
}

/** What the value becomes in a JSON line, read back: parsed lines and pino's fields agree. */
function attributeValue(value: unknown): AnyValueMap[string] | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : undefined;
    case 'object': {
      try {
        const json = JSON.stringify(value);
        return json === undefined ? undefined : (JSON.parse(json) as AnyValueMap[string]);
      } catch {
        return undefined;
      }
    }
    default:
      return undefined;
  }
}

function spanContextOf(record: PendingRecord) {
  const { traceId, spanId, traceFlags: flags } = record;
  if (typeof traceId !== 'string' || !HEX_TRACE_ID.test(traceId)) return ROOT_CONTEXT;
  if (typeof spanId !== 'string' || !HEX_SPAN_ID.test(spanId)) return ROOT_CONTEXT;
  const traceFlags =
    typeof flags === 'string' ? Number.parseInt(flags, 16) & 0xff : TraceFlags.SAMPLED;
  return trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags, isRemote: true });
}
