import type {
  HeatmapCell,
  QueryResult,
  ResultData,
  ResultValue,
} from '../../shared/api-schemas.js';

/** One line per result group, aligned on the shared time axis (seconds), null where absent. */
export interface LineSeries {
  readonly label: string;
  readonly group: ResultData;
  readonly values: (number | null)[];
}

export interface LineChartData {
  readonly calculation: string;
  readonly times: number[];
  readonly lines: LineSeries[];
}

/** The label of a result group: its breakdown values joined, or the calculation alone. */
export function groupLabel(group: ResultData, breakdowns: readonly string[]): string {
  if (breakdowns.length === 0) return 'all';
  return breakdowns.map((b) => displayValue(group[b])).join(', ');
}

export function displayValue(value: ResultValue | undefined): string {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'object') return `${heatmapTotal(value)} events`;
  return String(value);
}

export function heatmapTotal(cell: HeatmapCell): number {
  return cell.buckets.reduce((sum, b) => sum + b.count, 0);
}

function groupKey(data: ResultData, breakdowns: readonly string[]): string {
  return JSON.stringify(breakdowns.map((b) => data[b] ?? null));
}

/**
 * Splits `data.series` into one chart per calculation with one line per group, in the order
 * of `data.results` (the query's ORDER BY), so the legend lists groups as the table does.
 */
export function lineCharts(
  result: QueryResult,
  calculations: readonly string[],
  breakdowns: readonly string[],
): LineChartData[] {
  const series = result.data?.series ?? [];
  const times = [...new Set(series.map((p) => Date.parse(p.time) / 1000))].sort((a, b) => a - b);
  const timeIndex = new Map(times.map((t, i) => [t, i]));
  const groups = new Map<string, ResultData>();
  for (const row of result.data?.results ?? [])
    groups.set(groupKey(row.data, breakdowns), row.data);
  for (const point of series) {
    const key = groupKey(point.data, breakdowns);
    if (!groups.has(key)) groups.set(key, point.data);
  }
  const keys = [...groups.keys()];
  const keyIndex = new Map(keys.map((k, i) => [k, i]));
  return calculations.map((calculation) => {
    const lines: LineSeries[] = keys.map((key) => {
      const group = groups.get(key)!;
      return {
        label: groupLabel(group, breakdowns),
        group,
        values: new Array<number | null>(times.length).fill(null),
      };
    });
    for (const point of series) {
      const value = point.data[calculation];
      const line = lines[keyIndex.get(groupKey(point.data, breakdowns))!]!;
      line.values[timeIndex.get(Date.parse(point.time) / 1000)!] =
        typeof value === 'number' ? value : null;
    }
    return { calculation, times, lines };
  });
}

/** A heatmap's grid: per time bucket, the counts per value bucket summed over groups. */
export interface HeatmapGrid {
  readonly calculation: string;
  readonly times: number[];
  readonly bounds: { lower: number; upper: number }[];
  /** counts[timeIndex][bucketIndex] */
  readonly counts: number[][];
  readonly max: number;
}

export function heatmapGrid(result: QueryResult, calculation: string): HeatmapGrid {
  const series = result.data?.series ?? [];
  const times = [...new Set(series.map((p) => Date.parse(p.time) / 1000))].sort((a, b) => a - b);
  const timeIndex = new Map(times.map((t, i) => [t, i]));
  let bounds: { lower: number; upper: number }[] = [];
  for (const point of series) {
    const cell = point.data[calculation];
    if (typeof cell === 'object' && cell !== null && cell.buckets.length > bounds.length) {
      bounds = cell.buckets.map((b) => ({ lower: b.lower, upper: b.upper }));
    }
  }
  const counts = times.map(() => new Array<number>(bounds.length).fill(0));
  let max = 0;
  for (const point of series) {
    const cell = point.data[calculation];
    if (typeof cell !== 'object' || cell === null) continue;
    const row = counts[timeIndex.get(Date.parse(point.time) / 1000)!]!;
    cell.buckets.forEach((b, i) => {
      if (i < row.length) {
        row[i] = (row[i] ?? 0) + b.count;
        max = Math.max(max, row[i]!);
      }
    });
  }
  return { calculation, times, bounds, counts, max };
}

/** Seconds between buckets of the series (the query's granularity), or the whole range. */
export function bucketSeconds(times: readonly number[], fallback: number): number {
  let step = Number.POSITIVE_INFINITY;
  for (let i = 1; i < times.length; i++) step = Math.min(step, times[i]! - times[i - 1]!);
  return Number.isFinite(step) ? step : fallback;
}
