import { PUT_LOG_EVENTS_LIMITS, type PutLogEventsLimits } from './put-log-events-limits.js';

/** One log event waiting to be sent; `bytes` is the UTF-8 size of `message`, counted once. */
export interface QueuedLogEvent {
  timestampMs: number;
  message: string;
  bytes: number;
}

/**
 * Takes the longest prefix of `events` (already in chronological order) that one PutLogEvents
 * call accepts: at most `maxEvents`, at most `maxBytes` counting 26 bytes of overhead per event,
 * and no two events more than 24 hours apart. Always takes at least one event when there is one,
 * so a queue can never wedge (callers cap a single message's size below `maxBytes`).
 *
 * @example
 * takeBatch([{ timestampMs: 1, message: 'a', bytes: 1 }]); // → 1
 */
export function takeBatch(
  events: readonly QueuedLogEvent[],
  limits: Pick<
    PutLogEventsLimits,
    'maxEvents' | 'maxBytes' | 'perEventOverheadBytes' | 'maxSpanMs'
  > = PUT_LOG_EVENTS_LIMITS,
): number {
  const first = events[0];
  if (first === undefined) return 0;
  let bytes = 0;
  let count = 0;
  for (const event of events) {
    if (count >= limits.maxEvents) break;
    const size = event.bytes + limits.perEventOverheadBytes;
    if (count > 0 && bytes + size > limits.maxBytes) break;
    if (count > 0 && event.timestampMs - first.timestampMs >= limits.maxSpanMs) break;
    bytes += size;
    count += 1;
  }
  return count;
}
