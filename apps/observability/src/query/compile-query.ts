import type { UnixNanos } from '../model/time.js';
import {
  aggregateSql,
  HEATMAP_BOUNDS_CTE,
  heatmapBoundsAliases,
  heatmapBoundsSelect,
} from './aggregate-sql.js';
import type { CalculationOp } from './calculation-ops.js';
import type { ColumnResolver, ResolvedColumn } from './column-resolver.js';
import { filterSql } from './filter-sql.js';
import { missingColumn, planQuery } from './plan-query.js';
import type { QuerySpec } from './query-spec.js';
import { indent, selectSql } from './select-sql.js';
import { type SqlParam, SqlParams, type SqlStatement } from './sql-params.js';
import { resolveTimeWindow, type TimeWindow } from './time-window.js';

export interface CompileQueryOptions {
  /** Dataset (service) names to read, or `'all'` for Honeycomb's `__all__`. */
  readonly datasets: readonly string[] | 'all';
  readonly resolver: ColumnResolver;
  /** "Now" for relative time ranges; injected so results are reproducible. */
  readonly now: UnixNanos;
  /** `disable_series` of a query-result request: skip the time series statement. */
  readonly disableSeries?: boolean;
}

/** How `runQuery` turns rows back into Honeycomb's result: which alias carries which key. */
export interface ResultShape {
  readonly breakdowns: readonly { readonly keyName: string; readonly alias: string }[];
  readonly calculations: readonly {
    readonly label: string;
    readonly alias: string;
    readonly op: CalculationOp;
    /** Aliases of the shared bounds a HEATMAP's bucket indexes refer to. */
    readonly heatmap?: { readonly lower: string; readonly upper: string };
  }[];
  readonly window: TimeWindow;
}

/** The results statement (`sql`, `params`) and, unless disabled, the series statement. */
export interface CompiledQuery extends SqlStatement {
  readonly series: SqlStatement | undefined;
  readonly shape: ResultShape;
}

/**
 * Compiles a validated spec to parameterized DuckDB SQL. Column SQL comes only from the
 * resolver and output names are positional (`b0`, `c0`), so no user text reaches the SQL;
 * values are bound as `$n`. The series statement re-runs the results statement as the `top`
 * CTE and joins on it, which restricts the series to the groups of the limited results.
 * Throws `QueryValidationError` for a spec the columns cannot answer.
 */
export function compileQuery(spec: QuerySpec, options: CompileQueryOptions): CompiledQuery {
  const window = resolveTimeWindow(spec, options.now);
  const plan = planQuery(spec, options.resolver);
  const params = new SqlParams();
  const used: ResolvedColumn[] = [
    ...plan.breakdowns.map((b) => b.column),
    ...plan.calculations.flatMap((c) => (c.column === undefined ? [] : [c.column])),
  ];

  const where = [
    `e.time_unix_nano >= ${params.add(window.startNanos)}`,
    `e.time_unix_nano < ${params.add(window.endNanos)}`,
  ];
  if (options.datasets !== 'all') where.push(datasetCondition(options.datasets, params));
  const filters = spec.filters.map((filter, index) => {
    const column = options.resolver.resolve(filter.column) ?? missingColumn(filter.column);
    used.push(column);
    return filterSql(filter, column, index, params);
  });
  if (filters.length === 1 || (filters.length > 1 && spec.filter_combination === 'AND')) {
    where.push(...filters);
  } else if (filters.length > 1) {
    where.push(`(${filters.join('\n    OR ')})`);
  }

  const from = ['events e'];
  if (used.some((column) => column.needsResources)) {
    from.push('LEFT JOIN resources r ON r.resource_id = e.resource_id');
  }
  const boundsSelect = heatmapBoundsSelect(plan.calculations);
  const withHeatmaps = boundsSelect.length > 0;
  const heatmapCte = `${HEATMAP_BOUNDS_CTE} AS (\n  ${indent(selectSql({ select: boundsSelect, from, where }))}\n)`;
  const mainFrom = withHeatmaps ? [...from, `CROSS JOIN ${HEATMAP_BOUNDS_CTE}`] : from;
  const aggregates = plan.calculations.map((c) => `${aggregateSql(c)} AS ${c.alias}`);
  const grouped = plan.breakdowns.length > 0;

  const resultsBody = selectSql({
    select: [
      ...plan.breakdowns.map((b) => `${b.column.sql} AS ${b.alias}`),
      ...aggregates,
      ...plan.calculations
        .filter((c) => c.op === 'HEATMAP')
        .flatMap((c) => {
          const { lower, upper } = heatmapBoundsAliases(c);
          return [lower, upper].map((a) => `any_value(${HEATMAP_BOUNDS_CTE}.${a}) AS ${a}`);
        }),
    ],
    from: mainFrom,
    where,
    groupBy: grouped,
    having: plan.havings.map(
      (h) => `${h.alias} ${h.op === '!=' ? '<>' : h.op} ${params.add(h.value)}`,
    ),
    // A query without breakdowns has exactly one row: nothing to order or limit.
    ...(grouped ? { orderBy: plan.orderBy, limit: params.add(spec.limit) } : {}),
  });
  const resultParams: SqlParam[] = [...params.values];

  let series: SqlStatement | undefined;
  if (options.disableSeries !== true) {
    const bucket = params.add(window.granularityNanos);
    const seriesFrom = [...mainFrom];
    if (grouped) {
      const on = plan.breakdowns.map((b) => `top.${b.alias} IS NOT DISTINCT FROM ${b.column.sql}`);
      seriesFrom.push(`JOIN top ON ${on.join('\n  AND ')}`);
    }
    const ctes = [
      ...(withHeatmaps ? [heatmapCte] : []),
      ...(grouped ? [`top AS (\n  ${indent(resultsBody)}\n)`] : []),
    ];
    series = {
      sql: selectSql({
        with: ctes,
        select: [
          // The cast keeps the arithmetic in BIGINT: a bigint parameter binds as HUGEINT, 40× slower.
          `e.time_unix_nano // ${bucket}::BIGINT * ${bucket}::BIGINT AS t`,
          ...plan.breakdowns.map((b) => `top.${b.alias}`),
          ...aggregates,
        ],
        from: seriesFrom,
        where,
        groupBy: true,
        orderBy: ['t'],
      }),
      params: [...params.values],
    };
  }

  return {
    sql: withHeatmaps ? `WITH ${heatmapCte}\n${resultsBody}` : resultsBody,
    params: resultParams,
    series,
    shape: {
      breakdowns: plan.breakdowns.map(({ keyName, alias }) => ({ keyName, alias })),
      calculations: plan.calculations.map((c) => ({
        label: c.label,
        alias: c.alias,
        op: c.op,
        ...(c.op === 'HEATMAP' ? { heatmap: heatmapBoundsAliases(c) } : {}),
      })),
      window,
    },
  };
}

function datasetCondition(datasets: readonly string[], params: SqlParams): string {
  if (datasets.length === 0) return 'FALSE';
  if (datasets.length === 1) return `e.service = ${params.add(datasets[0] as string)}`;
  return `e.service IN (${datasets.map((name) => params.add(name)).join(', ')})`;
}
