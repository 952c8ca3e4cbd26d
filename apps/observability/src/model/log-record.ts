import type { Attributes, AttributeValue } from './attributes.js';
import type { SpanId, TraceId } from './ids.js';
import type { UnixNanos } from './time.js';

/** One log record, from OTLP logs or CloudWatch PutLogEvents alike. */
export interface LogRecord {
  /** When it happened; OTLP's observed time stands in when the record has none. */
  readonly timeUnixNano: UnixNanos;
  readonly observedTimeUnixNano: UnixNanos;
  /** 0 (unspecified) to 24, as OTLP numbers them. */
  readonly severityNumber: number;
  readonly severityText: string;
  readonly body: AttributeValue;
  readonly attributes: Attributes;
  readonly droppedAttributesCount: number;
  readonly flags: number;
  readonly traceId: TraceId | null;
  readonly spanId: SpanId | null;
  readonly eventName: string;
  /** CloudWatch Logs placement; OTLP records get `otlp/<service.name>` when read through that API. */
  readonly logGroup?: string;
  readonly logStream?: string;
  /**
   * The store's dedupe key when the protocol tells identical records apart (CloudWatch: two equal
   * messages in one millisecond are two events); otherwise a content hash is used.
   */
  readonly eventId?: bigint;
}
