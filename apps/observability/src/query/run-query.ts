import type { CompiledQuery, ResultShape } from './compile-query.js';
import { type HeatmapValue, heatmapValue } from './heatmap-value.js';
import {
  histogramCounts,
  type ResultScalar,
  toResultNumber,
  toResultScalar,
} from './result-values.js';
import { rfc3339, seriesBucketStarts } from './series-buckets.js';
import type { SqlParam } from './sql-params.js';

/**
 * Runs one statement and returns its rows as plain objects keyed by column name. The store
 * implements it over DuckDB, e.g. `(await conn.runAndReadAll(sql, params)).getRowObjectsJS()`.
 */
export type QueryRunner = (sql: string, params: SqlParam[]) => Promise<Record<string, unknown>[]>;

export type ResultValue = ResultScalar | HeatmapValue;
export type ResultData = Record<string, ResultValue>;

/** Honeycomb's `data` object of a query result. */
export interface QueryResultData {
  readonly series: { time: string; data: ResultData }[];
  readonly results: { data: ResultData }[];
}

/** Above this many (bucket × group) entries the series lists only buckets that have events. */
const MAX_DENSE_SERIES = 100_000;

type Bounds = ReadonlyMap<string, { lower: number | null; upper: number | null }>;

/**
 * Executes a compiled query and shapes the rows as Honeycomb does: breakdown values under their
 * column names, calculations under their labels. The series is dense (every bucket of the window
 * for every result group, counts 0 and other aggregates null where no event fell) unless that
 * would exceed MAX_DENSE_SERIES entries. With no result rows (all groups removed by havings)
 * the series statement is not run.
 */
export async function runQuery(
  compiled: CompiledQuery,
  run: QueryRunner,
): Promise<QueryResultData> {
  const { shape } = compiled;
  const rows = await run(compiled.sql, compiled.params);
  const firstRow = rows[0];
  const bounds: Bounds = new Map(
    shape.calculations.flatMap((c) =>
      c.heatmap === undefined
        ? []
        : [
            [
              c.alias,
              {
                lower: toResultNumber(firstRow?.[c.heatmap.lower]),
                upper: toResultNumber(firstRow?.[c.heatmap.upper]),
              },
            ],
          ],
    ),
  );
  const groups = rows.map((row) => breakdownData(shape, row));
  const results = rows.map((row, index) => ({
    data: { ...groups[index], ...calculationData(shape, row, bounds) },
  }));
  if (compiled.series === undefined || rows.length === 0) return { series: [], results };

  const seriesRows = await run(compiled.series.sql, compiled.series.params);
  const byKey = new Map<string, ResultData>();
  for (const row of seriesRows) {
    const group = breakdownData(shape, row);
    byKey.set(seriesKey(row.t, group), { ...group, ...calculationData(shape, row, bounds) });
  }
  const starts = seriesBucketStarts(shape.window);
  const series: QueryResultData['series'] = [];
  const dense = starts.length * groups.length <= MAX_DENSE_SERIES;
  for (const start of starts) {
    for (const group of groups) {
      const found = byKey.get(seriesKey(start, group));
      if (found !== undefined) series.push({ time: rfc3339(start), data: found });
      else if (dense) {
        series.push({
          time: rfc3339(start),
          data: { ...group, ...emptyCalculations(shape, bounds) },
        });
      }
    }
  }
  return { series, results };
}

function breakdownData(shape: ResultShape, row: Record<string, unknown>): ResultData {
  const data: ResultData = {};
  for (const b of shape.breakdowns) data[b.keyName] = toResultScalar(row[b.alias]);
  return data;
}

function calculationData(
  shape: ResultShape,
  row: Record<string, unknown>,
  bounds: Bounds,
): ResultData {
  const data: ResultData = {};
  for (const c of shape.calculations) {
    const value = row[c.alias];
    const b = bounds.get(c.alias);
    data[c.label] =
      b === undefined
        ? toResultNumber(value)
        : heatmapValue(histogramCounts(value), b.lower, b.upper);
  }
  return data;
}

function emptyCalculations(shape: ResultShape, bounds: Bounds): ResultData {
  const data: ResultData = {};
  for (const c of shape.calculations) {
    const b = bounds.get(c.alias);
    if (b !== undefined) data[c.label] = heatmapValue(new Map(), b.lower, b.upper);
    else data[c.label] = c.op === 'COUNT' || c.op === 'COUNT_DISTINCT' ? 0 : null;
  }
  return data;
}

function seriesKey(time: unknown, group: ResultData): string {
  return `${String(time)}|${JSON.stringify(Object.values(group))}`;
}
