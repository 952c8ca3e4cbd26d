import type { Attributes } from './attributes.js';
import type { UnixNanos } from './time.js';

/** A structured event that is neither a span nor a log line: a Honeycomb event without a trace. */
export interface PlainEvent {
  readonly timeUnixNano: UnixNanos;
  readonly name: string | null;
  readonly durationMs: number | null;
  readonly attributes: Attributes;
}
