import type { LogRecord } from './log-record.js';
import type { PlainEvent } from './plain-event.js';
import type { ResourceScope } from './resource-scope.js';
import type { Span } from './span.js';

/** Which wire protocol a record arrived through. */
export type Source = 'otlp' | 'xray' | 'honeycomb' | 'cloudwatch';

export interface SpanGroup {
  readonly origin: ResourceScope;
  readonly spans: readonly Span[];
}

export interface LogGroup {
  readonly origin: ResourceScope;
  readonly logs: readonly LogRecord[];
}

export interface EventGroup {
  readonly origin: ResourceScope;
  readonly events: readonly PlainEvent[];
}

/**
 * Everything one accepted request carries, already validated: the store commits it whole or not
 * at all. Rejected items never get here; receivers count them for partial success.
 */
export interface TelemetryBatch {
  readonly source: Source;
  readonly spanGroups: readonly SpanGroup[];
  readonly logGroups: readonly LogGroup[];
  readonly eventGroups?: readonly EventGroup[];
}
