/** One batch of log records in both wire forms: the same messages and timestamps. */
export interface LogBatch {
  readonly events: number;
  readonly putLogEventsBody: string;
  readonly otlpLogsBody: string;
}

export const BATCH_EVENTS = 10_000;
export const CW_GROUP = 'bench-cloudwatch';
export const OTLP_SERVICE = 'bench-otlp';

const PATHS = ['/api/activities/home', '/api/activities/notifications', '/api/messages/groups'];

/**
 * Full PutLogEvents batches: 10,000 events of ~70 bytes, so Σ(bytes + 26) stays just under the
 * 1,048,576-byte limit. Every batch has its own messages and times (nothing dedupes), sorted as
 * the API requires and within its 14-day / 2-hour window.
 */
export function buildLogBatches(
  count: number,
  baseMs: number,
  stream: (i: number) => string,
): LogBatch[] {
  const batches: LogBatch[] = [];
  for (let b = 0; b < count; b++) {
    const logEvents: { timestamp: number; message: string }[] = [];
    const logRecords: unknown[] = [];
    for (let i = 0; i < BATCH_EVENTS; i++) {
      const timestamp = baseMs + b * 10 + Math.floor(i / 1000);
      const message = `INFO req=${String(b).padStart(5, '0')}-${String(i).padStart(4, '0')} GET ${PATHS[i % 3]} 200 ${i % 97}ms u=${i % 13}`;
      logEvents.push({ timestamp, message });
      logRecords.push({
        timeUnixNano: `${timestamp}000000`,
        body: { stringValue: message },
      });
    }
    batches.push({
      events: BATCH_EVENTS,
      putLogEventsBody: JSON.stringify({
        logGroupName: CW_GROUP,
        logStreamName: stream(b),
        logEvents,
      }),
      otlpLogsBody: JSON.stringify({
        resourceLogs: [
          {
            resource: {
              attributes: [{ key: 'service.name', value: { stringValue: OTLP_SERVICE } }],
            },
            scopeLogs: [{ scope: { name: 'bench' }, logRecords }],
          },
        ],
      }),
    });
  }
  return batches;
}
