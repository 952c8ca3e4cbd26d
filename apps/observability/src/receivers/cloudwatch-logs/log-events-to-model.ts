import { createHash } from 'node:crypto';
import type { Attributes } from '../../model/attributes.js';
import { hash64 } from '../../model/hash64.js';
import type { LogRecord } from '../../model/log-record.js';
import type { TelemetryBatch } from '../../model/telemetry-batch.js';
import { millisToUnixNanos } from '../../model/time.js';
import type { InputLogEvent } from './cloudwatch-logs-schemas.js';

/** The attribute that keeps each event's ingestion time, which the API returns with it. */
export const INGESTION_TIME_ATTRIBUTE = 'cloudwatch.ingestion_time_ms';

/** Bits of the event id that number the event within its request (10,000 fit in 14). */
const INDEX_BITS = 14n;
const INDEX_MASK = (1n << INDEX_BITS) - 1n;

/**
 * Maps the accepted events of one PutLogEvents call to log records of the dataset named after the
 * log group. Each event's id is a digest of (group, stream, the whole request) with the event's
 * index in its low bits: two identical messages in one millisecond stay two events (and keep
 * their order, which sorts by id within a millisecond), while the same request delivered again —
 * an SDK retry after a lost answer — maps to the same ids and is stored once.
 */
export function logEventsToBatch(
  logGroup: string,
  logStream: string,
  events: readonly InputLogEvent[],
  accepted: { readonly start: number; readonly end: number },
  ingestionMs: number,
): TelemetryBatch {
  const base = hash64(logGroup, logStream, requestDigest(events)) & ~INDEX_MASK;
  const ingestion = BigInt(ingestionMs);
  const observed = millisToUnixNanos(ingestionMs);
  const logs: LogRecord[] = [];
  for (let index = accepted.start; index < accepted.end; index++) {
    const event = events[index]!;
    const attributes: Attributes = new Map([[INGESTION_TIME_ATTRIBUTE, ingestion]]);
    logs.push({
      timeUnixNano: millisToUnixNanos(event.timestamp),
      observedTimeUnixNano: observed,
      severityNumber: 0,
      severityText: '',
      body: event.message,
      attributes,
      droppedAttributesCount: 0,
      flags: 0,
      traceId: null,
      spanId: null,
      eventName: '',
      logGroup,
      logStream,
      eventId: base | BigInt(index),
    });
  }
  return {
    source: 'cloudwatch',
    spanGroups: [],
    logGroups: [
      {
        origin: {
          resource: new Map([['service.name', logGroup]]),
          scope: { name: 'cloudwatch-logs', version: '', attributes: new Map() },
          schemaUrl: '',
        },
        logs,
      },
    ],
  };
}

function requestDigest(events: readonly InputLogEvent[]): string {
  const digest = createHash('sha1');
  for (const event of events) digest.update(`${event.timestamp}\u0000${event.message}\u0000`);
  return digest.digest('hex');
}
