import { invalidParameter } from './cloudwatch-logs-error.js';
import type { InputLogEvent } from './cloudwatch-logs-schemas.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** PutLogEvents quotas, as the service documents them. */
export const PUT_LOG_EVENTS_LIMITS = {
  maxEvents: 10_000,
  /** Σ (UTF-8 bytes of each message + 26). */
  maxBatchBytes: 1_048_576,
  overheadBytesPerEvent: 26,
  /** One event, overhead included. */
  maxEventBytes: 262_144,
  maxSpanMs: DAY_MS,
  maxAgeMs: 14 * DAY_MS,
  maxFutureMs: 2 * HOUR_MS,
} as const;

export interface RejectedLogEventsInfo {
  tooNewLogEventStartIndex?: number;
  tooOldLogEventEndIndex?: number;
  expiredLogEventEndIndex?: number;
}

/** The events to store, `[start, end)` of the request's list, and what was rejected around them. */
export interface AcceptedEvents {
  readonly start: number;
  readonly end: number;
  readonly rejected: RejectedLogEventsInfo | undefined;
  /** UTF-8 bytes of the accepted messages. */
  readonly messageBytes: number;
}

/**
 * Applies the batch rules: limits that fail the whole call (count, bytes, event size, order,
 * 24-hour span) throw InvalidParameterException; events too old, beyond the group's retention or
 * too far in the future are left out individually and reported by index, as the service does.
 * Events are in chronological order here, so the rejected ones are a prefix and a suffix.
 */
export function acceptLogEvents(
  events: readonly InputLogEvent[],
  nowMs: number,
  retentionDays: number | undefined,
): AcceptedEvents {
  const limits = PUT_LOG_EVENTS_LIMITS;
  if (events.length > limits.maxEvents) {
    throw invalidParameter(
      `The batch of log events contains ${events.length} events, more than the limit of ${limits.maxEvents}.`,
    );
  }
  const sizes = events.map((event) => Buffer.byteLength(event.message, 'utf8'));
  let batchBytes = 0;
  for (const [index, size] of sizes.entries()) {
    const eventBytes = size + limits.overheadBytesPerEvent;
    if (eventBytes > limits.maxEventBytes) {
      throw invalidParameter(
        `Log event too large: ${eventBytes} bytes exceeds limit of ${limits.maxEventBytes} (logEvents.${index}).`,
      );
    }
    batchBytes += eventBytes;
  }
  if (batchBytes > limits.maxBatchBytes) {
    throw invalidParameter(
      `Upload too large: ${batchBytes} bytes exceeds limit of ${limits.maxBatchBytes}.`,
    );
  }
  for (let i = 1; i < events.length; i++) {
    if (events[i]!.timestamp < events[i - 1]!.timestamp) {
      throw invalidParameter(
        'Log events in a single PutLogEvents request must be in chronological order.',
      );
    }
  }

  const rejected: RejectedLogEventsInfo = {};
  const tooOldBefore = nowMs - limits.maxAgeMs;
  const expiredBefore = retentionDays === undefined ? undefined : nowMs - retentionDays * DAY_MS;
  let start = 0;
  while (start < events.length) {
    const time = events[start]!.timestamp;
    const tooOld = time < tooOldBefore;
    const expired = expiredBefore !== undefined && time < expiredBefore;
    if (!tooOld && !expired) break;
    if (tooOld) rejected.tooOldLogEventEndIndex = start;
    if (expired) rejected.expiredLogEventEndIndex = start;
    start++;
  }
  let end = events.length;
  while (end > start && events[end - 1]!.timestamp > nowMs + limits.maxFutureMs) end--;
  if (end < events.length) rejected.tooNewLogEventStartIndex = end;

  if (end > start && events[end - 1]!.timestamp - events[start]!.timestamp > limits.maxSpanMs) {
    throw invalidParameter(
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    );
  }
  let messageBytes = 0;
  for (let i = start; i < end; i++) messageBytes += sizes[i]!;
  return {
    start,
    end,
    rejected: Object.keys(rejected).length > 0 ? rejected : undefined,
    messageBytes,
  };
}
