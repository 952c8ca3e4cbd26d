import { describe, expect, it } from 'vitest';
import { CloudWatchLogsError } from './cloudwatch-logs-error.js';
import { acceptLogEvents } from './put-log-events-limits.js';

const NOW = Date.UTC(2026, 10, 21, 12);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (...offsets: number[]) =>
  offsets.map((offset, i) => ({ timestamp: NOW + offset, message: `m${i}` }));

describe('acceptLogEvents', () => {
  it('accepts a sorted batch within the window whole, counting message bytes', () => {
    expect(acceptLogEvents([{ timestamp: NOW, message: 'héllo' }], NOW, undefined)).toEqual({
      start: 0,
      end: 1,
      rejected: undefined,
      messageBytes: 6,
    });
  });

  it('cuts too-old events from the front and too-new ones from the back', () => {
    const result = acceptLogEvents(at(-15 * DAY, -1, 0, 2 * HOUR + 1, 3 * HOUR), NOW, undefined);
    expect(result).toMatchObject({
      start: 1,
      end: 3,
      rejected: { tooOldLogEventEndIndex: 0, tooNewLogEventStartIndex: 3 },
    });
  });

  it('reports events beyond the retention as expired, and as too old when past 14 days too', () => {
    const result = acceptLogEvents(at(-20 * DAY, -2 * DAY, -HOUR), NOW, 1);
    expect(result).toMatchObject({
      start: 2,
      end: 3,
      rejected: { tooOldLogEventEndIndex: 0, expiredLogEventEndIndex: 1 },
    });
  });

  it('rejects everything individually when nothing is in the window', () => {
    const result = acceptLogEvents(at(-20 * DAY, 5 * HOUR), NOW, undefined);
    expect(result).toMatchObject({
      start: 1,
      end: 1,
      rejected: { tooOldLogEventEndIndex: 0, tooNewLogEventStartIndex: 1 },
    });
  });

  it('measures the 24-hour span over the accepted events only', () => {
    expect(acceptLogEvents(at(-20 * DAY, -23 * HOUR, 0), NOW, undefined).start).toBe(1);
    expect(() => acceptLogEvents(at(-25 * HOUR, 0), NOW, undefined)).toThrow(/24 hours/);
  });

  it.each([
    [
      'more than 10,000 events',
      Array.from({ length: 10_001 }, () => ({ timestamp: NOW, message: 'x' })),
    ],
    ['an event over 262,144 bytes with its 26', [{ timestamp: NOW, message: 'x'.repeat(262_119) }]],
    [
      'a batch over 1,048,576 bytes',
      Array.from({ length: 4 }, () => ({ timestamp: NOW, message: 'x'.repeat(262_118) })).concat([
        { timestamp: NOW, message: 'x' },
      ]),
    ],
    ['events out of order', at(0, -1)],
  ])('fails the call with InvalidParameterException for %s', (_, events) => {
    let error: unknown;
    try {
      acceptLogEvents(events, NOW, undefined);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CloudWatchLogsError);
    expect((error as CloudWatchLogsError).code).toBe('InvalidParameterException');
  });

  it('takes the largest event and the fullest batch exactly at the limits', () => {
    expect(
      acceptLogEvents([{ timestamp: NOW, message: 'x'.repeat(262_118) }], NOW, undefined).end,
    ).toBe(1);
    const full = Array.from({ length: 4 }, () => ({
      timestamp: NOW,
      message: 'x'.repeat(262_118),
    }));
    expect(acceptLogEvents(full, NOW, undefined).messageBytes).toBe(4 * 262_118);
  });
});
