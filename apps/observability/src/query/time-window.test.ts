import { describe, expect, it } from 'vitest';
import { unixNanos } from '../model/time.js';
import { automaticGranularity, resolveTimeWindow } from './time-window.js';

const NOW = unixNanos(1_700_000_000_000_000_000n);
const S = 1_000_000_000n;

describe('resolveTimeWindow', () => {
  it('ends a lone time_range now, defaulting to two hours', () => {
    expect(resolveTimeWindow({}, NOW)).toMatchObject({
      startNanos: NOW - 7200n * S,
      endNanos: NOW,
    });
    expect(resolveTimeWindow({ time_range: 60 }, NOW).startNanos).toBe(NOW - 60n * S);
  });

  it('runs time_range forward from start_time and backward from end_time', () => {
    expect(resolveTimeWindow({ start_time: 1000, time_range: 60 }, NOW)).toMatchObject({
      startNanos: 1000n * S,
      endNanos: 1060n * S,
    });
    expect(resolveTimeWindow({ end_time: 1000, time_range: 60 }, NOW)).toMatchObject({
      startNanos: 940n * S,
      endNanos: 1000n * S,
    });
    expect(resolveTimeWindow({ start_time: 1000 }, NOW).endNanos).toBe(8200n * S);
  });

  it('keeps fractional seconds instead of rounding bounds', () => {
    const window = resolveTimeWindow({ start_time: 1000.25, end_time: 1000.75 }, NOW);
    expect(window).toMatchObject({ startNanos: 1_000_250_000_000n, endNanos: 1_000_750_000_000n });
  });

  it('keeps a granularity between range / 1000 and the range', () => {
    expect(resolveTimeWindow({ time_range: 3600, granularity: 3600 }, NOW).granularitySeconds).toBe(
      3600,
    );
    expect(resolveTimeWindow({ time_range: 3600, granularity: 4 }, NOW).granularityNanos).toBe(
      4n * S,
    );
  });
});

describe('automaticGranularity', () => {
  it('picks the smallest round step giving at most 60 buckets, never below a second', () => {
    expect(automaticGranularity(10)).toBe(1);
    expect(automaticGranularity(600)).toBe(10);
    expect(automaticGranularity(7200)).toBe(120);
    expect(automaticGranularity(86_400)).toBe(1800);
    expect(automaticGranularity(7 * 86_400)).toBe(10800);
  });
});
