import { isPercentileOp, PERCENTILES } from './calculation-ops.js';
import type { PlannedCalculation } from './plan-query.js';

/** Equal-width buckets per heatmap: enough to show bands, few enough to draw. */
export const HEATMAP_BUCKETS = 30;
/** The CTE holding each heatmap's column bounds over the whole filtered query. */
export const HEATMAP_BOUNDS_CTE = 'hb';

/** Names of one heatmap's bounds columns in the `hb` CTE and in the results rows. */
export function heatmapBoundsAliases(calculation: PlannedCalculation) {
  const a = calculation.alias;
  return { lower: `${a}_lo`, upper: `${a}_hi`, width: `${a}_w` } as const;
}

/**
 * The aggregate for one calculation. Percentiles are exact with linear interpolation between
 * closest ranks (`quantile_cont`); a HEATMAP counts values per bucket index with `histogram`,
 * against bounds shared by every group and time bucket so heatmaps compare.
 */
export function aggregateSql(calculation: PlannedCalculation): string {
  const column = calculation.column?.sql;
  const op = calculation.op;
  if (column === undefined) return 'count(*)';
  if (isPercentileOp(op)) return `quantile_cont(${column}, ${PERCENTILES[op]})`;
  switch (op) {
    case 'COUNT':
      return `count(${column})`;
    case 'COUNT_DISTINCT':
      return `count(DISTINCT ${column})`;
    case 'SUM':
      return `sum(${column})`;
    case 'AVG':
      return `avg(${column})`;
    case 'MIN':
      return `min(${column})`;
    case 'MAX':
      return `max(${column})`;
    case 'HEATMAP': {
      const { lower, width } = heatmapBoundsAliases(calculation);
      const hb = HEATMAP_BOUNDS_CTE;
      // The maximum computes to index HEATMAP_BUCKETS; heatmapValue files it in the last bucket
      // (clamping here with least() would also file NULLs there, as least() skips NULLs).
      return `histogram(floor((${column} - ${hb}.${lower}) / ${hb}.${width})::INTEGER)`;
    }
  }
}

/**
 * Select-list items computing every heatmap's bounds; the width is 1 when all values are equal
 * so they land in bucket 0 instead of dividing by zero.
 */
export function heatmapBoundsSelect(calculations: readonly PlannedCalculation[]): string[] {
  return calculations.flatMap((calculation) => {
    const column = calculation.column?.sql;
    if (calculation.op !== 'HEATMAP' || column === undefined) return [];
    const { lower, upper, width } = heatmapBoundsAliases(calculation);
    return [
      `min(${column})::DOUBLE AS ${lower}`,
      `max(${column})::DOUBLE AS ${upper}`,
      `CASE WHEN max(${column}) > min(${column}) THEN (max(${column}) - min(${column}))::DOUBLE / ${HEATMAP_BUCKETS} ELSE 1 END AS ${width}`,
    ];
  });
}
