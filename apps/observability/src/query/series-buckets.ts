import type { TimeWindow } from './time-window.js';

/**
 * Bucket starts covering [start, end). Buckets are aligned to the epoch, as the SQL computes
 * them (`time // g * g`), so a bucket keeps its edges when the window slides.
 */
export function seriesBucketStarts(window: TimeWindow): bigint[] {
  const g = window.granularityNanos;
  const starts: bigint[] = [];
  let t = floorTo(window.startNanos, g);
  for (; t < window.endNanos; t += g) starts.push(t);
  return starts;
}

function floorTo(value: bigint, step: bigint): bigint {
  const remainder = value % step;
  return remainder < 0n ? value - remainder - step : value - remainder;
}

/** RFC 3339 in UTC, without a fractional part when the instant is a whole second. */
export function rfc3339(nanos: bigint): string {
  const iso = new Date(Number(nanos / 1_000_000n)).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
