import type { Attributes, AttributeValue } from '../../model/attributes.js';
import type { LogRecord } from '../../model/log-record.js';
import type { UnixNanos } from '../../model/time.js';
import { warnDroppedAttributes } from './attribute-limits.js';
import type { DecodeContext } from './decode-context.js';
import { logRejectReason, optionalSpanId, optionalTraceId, type RawId } from './item-validation.js';

const MAX_SEVERITY_NUMBER = 24;

/** A log record's fields as either decoder read them, before validation. */
export interface LogRecordFields {
  readonly time: bigint;
  readonly observedTime: bigint;
  readonly severityNumber: number;
  readonly severityText: string;
  readonly body: AttributeValue;
  readonly attributes: Attributes;
  readonly droppedAttributesCount: number;
  /** Attributes the limit dropped while reading; already included in the count above. */
  readonly overLimit: number;
  readonly flags: number;
  readonly traceId: RawId;
  readonly spanId: RawId;
  readonly eventName: string;
}

/** Validates and builds the model record, identically for both encodings. */
export function finishLogRecord(ctx: DecodeContext, f: LogRecordFields): LogRecord | undefined {
  const reason = logRejectReason(f.traceId, f.spanId, f.time, f.observedTime);
  if (reason !== undefined) {
    ctx.reject(reason);
    return undefined;
  }
  warnDroppedAttributes(ctx, f.overLimit);
  let severityNumber = f.severityNumber;
  if (
    !Number.isInteger(severityNumber) ||
    severityNumber < 0 ||
    severityNumber > MAX_SEVERITY_NUMBER
  ) {
    ctx.warn(`severity numbers outside 0..${MAX_SEVERITY_NUMBER} stored as 0 (unspecified)`);
    severityNumber = 0;
  }
  return {
    // OTLP allows a record without its own time; the collector's observed time stands in.
    timeUnixNano: (f.time === 0n ? f.observedTime : f.time) as UnixNanos,
    observedTimeUnixNano: f.observedTime as UnixNanos,
    severityNumber,
    severityText: f.severityText,
    body: f.body,
    attributes: f.attributes,
    droppedAttributesCount: f.droppedAttributesCount,
    flags: f.flags,
    traceId: optionalTraceId(f.traceId),
    spanId: optionalSpanId(f.spanId),
    eventName: f.eventName,
  };
}
