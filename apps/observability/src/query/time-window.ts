import { NANOS_PER_SECOND, secondsToUnixNanos, type UnixNanos } from '../model/time.js';
import { DEFAULT_TIME_RANGE_SECONDS, type QuerySpec } from './query-spec.js';
import { QueryValidationError } from './query-validation-error.js';

/** The half-open window [start, end) a query reads, and its series bucket width. */
export interface TimeWindow {
  readonly startNanos: bigint;
  readonly endNanos: bigint;
  readonly granularitySeconds: number;
  readonly granularityNanos: bigint;
}

/** The automatic granularity aims at this many buckets (Honeycomb's graphs look like this). */
const TARGET_BUCKETS = 60;
/** Round bucket widths, in seconds, so bucket edges fall on whole minutes, hours and days. */
const NICE_STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800,
  604800,
];

/**
 * Resolves `time_range` / `start_time` / `end_time` into exact nanosecond bounds (not rounded,
 * unlike Honeycomb's minute truncation) and picks or checks the granularity.
 * Rules: a lone `time_range` (default 7200 s) ends now; with `start_time` it runs forward, with
 * `end_time` backward; all three together are refused. Granularity must lie between
 * range/1000 (at most 1000 buckets) and the range itself; when absent the smallest round step
 * giving at most ~60 buckets is chosen, never below 1 s.
 */
export function resolveTimeWindow(
  spec: Pick<QuerySpec, 'time_range' | 'start_time' | 'end_time' | 'granularity'>,
  now: UnixNanos,
): TimeWindow {
  const { start_time: startTime, end_time: endTime, time_range: timeRange } = spec;
  if (startTime !== undefined && endTime !== undefined && timeRange !== undefined) {
    throw new QueryValidationError(
      'time_range',
      'time_range cannot be combined with both start_time and end_time',
    );
  }
  const rangeNanos = secondsToUnixNanos(timeRange ?? DEFAULT_TIME_RANGE_SECONDS);
  let startNanos: bigint;
  let endNanos: bigint;
  if (startTime !== undefined && endTime !== undefined) {
    startNanos = secondsToUnixNanos(startTime);
    endNanos = secondsToUnixNanos(endTime);
    if (endNanos <= startNanos) {
      throw new QueryValidationError('end_time', 'end_time must be after start_time');
    }
  } else if (startTime !== undefined) {
    startNanos = secondsToUnixNanos(startTime);
    endNanos = startNanos + rangeNanos;
  } else if (endTime !== undefined) {
    endNanos = secondsToUnixNanos(endTime);
    startNanos = endNanos - rangeNanos;
  } else {
    endNanos = now;
    startNanos = now - rangeNanos;
  }
  if (endNanos <= startNanos) {
    throw new QueryValidationError('time_range', 'time_range must be at least one microsecond');
  }
  const rangeSeconds = Number(endNanos - startNanos) / 1e9;
  const granularitySeconds = checkedGranularity(spec.granularity, rangeSeconds);
  return {
    startNanos,
    endNanos,
    granularitySeconds,
    granularityNanos: BigInt(granularitySeconds) * NANOS_PER_SECOND,
  };
}

function checkedGranularity(granularity: number | undefined, rangeSeconds: number): number {
  if (granularity === undefined) return automaticGranularity(rangeSeconds);
  if (granularity > rangeSeconds) {
    throw new QueryValidationError(
      'granularity',
      `granularity must not exceed the time range (${rangeSeconds} s)`,
    );
  }
  if (granularity < rangeSeconds / 1000) {
    throw new QueryValidationError(
      'granularity',
      `granularity must be at least time range / 1000 (${rangeSeconds / 1000} s)`,
    );
  }
  return granularity;
}

export function automaticGranularity(rangeSeconds: number): number {
  const wanted = rangeSeconds / TARGET_BUCKETS;
  const step = NICE_STEPS.find((candidate) => candidate >= wanted);
  return step ?? Math.ceil(wanted / 86400) * 86400;
}
