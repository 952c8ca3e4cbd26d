import { HEATMAP_BUCKETS } from './aggregate-sql.js';

export interface HeatmapBucket {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
}

/** Honeycomb-style HEATMAP cell value: the counts per value bucket, summing to the group's count. */
export interface HeatmapValue {
  readonly buckets: HeatmapBucket[];
}

/**
 * Rebuilds the equal-width buckets the SQL counted into (index ⌊(v − lower) / w⌋): bucket i
 * spans [lower + i·w, lower + (i+1)·w), the last one closed on the maximum. When every value is the
 * same there is one bucket [v, v]; with no values at all there are none.
 */
export function heatmapValue(
  counts: ReadonlyMap<number, number>,
  lower: number | null,
  upper: number | null,
): HeatmapValue {
  if (lower === null || upper === null) return { buckets: [] };
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (upper <= lower) return { buckets: [{ lower, upper, count: total }] };
  const width = (upper - lower) / HEATMAP_BUCKETS;
  const perBucket = new Array<number>(HEATMAP_BUCKETS).fill(0);
  // Indexes outside 0..29 are rounding at the edges: the maximum itself computes to 30.
  for (const [index, count] of counts) {
    const i = Math.min(Math.max(index, 0), HEATMAP_BUCKETS - 1);
    perBucket[i] = (perBucket[i] ?? 0) + count;
  }
  const buckets = perBucket.map((count, i) => ({
    lower: lower + i * width,
    upper: i === HEATMAP_BUCKETS - 1 ? upper : lower + (i + 1) * width,
    count,
  }));
  return { buckets };
}
