import type { Attributes, AttributeValue } from '../../model/attributes.js';
import type { LogRecord } from '../../model/log-record.js';
import type { DecodeContext } from './decode-context.js';
import type { RawId } from './item-validation.js';
import { finishLogRecord } from './log-record-fields.js';
import { rethrowWithin } from './otlp-decode-error.js';
import { readAnyValue } from './proto-any-value.js';
import { readAttribute, readId } from './proto-common.js';
import { LOG_RECORD, skipUnknownField } from './proto-fields.js';
import type { ProtoReader } from './proto-reader.js';

/** Reads one LogRecord message; undefined when validation rejected it (counted in ctx). */
export function readLogRecord(
  r: ProtoReader,
  end: number,
  ctx: DecodeContext,
): LogRecord | undefined {
  let time = 0n;
  let observedTime = 0n;
  let severityNumber = 0;
  let severityText = '';
  let body: AttributeValue = null;
  const attributes: Attributes = new Map();
  let index = 0;
  let dropped = 0;
  let overLimit = 0;
  let flags = 0;
  let traceId: RawId;
  let spanId: RawId;
  let eventName = '';
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case LOG_RECORD.tag.time_unix_nano:
        time = r.fixed64();
        break;
      case LOG_RECORD.tag.observed_time_unix_nano:
        observedTime = r.fixed64();
        break;
      case LOG_RECORD.tag.severity_number:
        severityNumber = r.int32();
        break;
      case LOG_RECORD.tag.severity_text:
        severityText = r.string(end);
        break;
      case LOG_RECORD.tag.body: {
        const stop = r.delimited(end);
        try {
          body = readAnyValue(r, stop, 1, ctx);
        } catch (error) {
          rethrowWithin(error, 'body');
        }
        break;
      }
      case LOG_RECORD.tag.attributes:
        if (!readAttribute(r, end, ctx, attributes, index++)) overLimit++;
        break;
      case LOG_RECORD.tag.dropped_attributes_count:
        dropped = r.uint32();
        break;
      case LOG_RECORD.tag.flags:
        flags = r.fixed32();
        break;
      case LOG_RECORD.tag.trace_id:
        traceId = readId(r, end, 16);
        break;
      case LOG_RECORD.tag.span_id:
        spanId = readId(r, end, 8);
        break;
      case LOG_RECORD.tag.event_name:
        eventName = r.string(end);
        break;
      default:
        skipUnknownField(r, tag, end, LOG_RECORD);
    }
  }
  r.expectEnd(end);
  return finishLogRecord(ctx, {
    time,
    observedTime,
    severityNumber,
    severityText,
    body,
    attributes,
    droppedAttributesCount: dropped + overLimit,
    overLimit,
    flags,
    traceId,
    spanId,
    eventName,
  });
}
