/**
 * Client-side limits of PutLogEvents (CloudWatch Logs API reference): a batch is at most 10,000
 * events and 1,048,576 bytes counted as the UTF-8 size of every message plus 26 bytes each, and
 * its events must be in chronological order within 24 hours of each other.
 */
export const PUT_LOG_EVENTS_LIMITS = {
  maxEvents: 10_000,
  maxBytes: 1_048_576,
  perEventOverheadBytes: 26,
  maxSpanMs: 24 * 3_600_000,
  /**
   * The current docs allow 1 MB per event, older ones 256 KB; the smaller one holds everywhere,
   * and no structured log line of ours comes near it.
   */
  maxMessageBytes: 256 * 1024 - 26,
} as const;

export type PutLogEventsLimits = typeof PUT_LOG_EVENTS_LIMITS;
