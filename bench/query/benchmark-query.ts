import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILTER_ROUTE, SERVICE_NAME } from '../payloads/workload.js';
import { REPO_ROOT } from '../support/paths.js';

/** The query of the issue as a Honeycomb spec: AVG and P99 of duration_ms per user on one route. */
export function benchmarkSpec(startSec: number, endSec: number): Record<string, unknown> {
  return {
    calculations: [
      { op: 'AVG', column: 'duration_ms' },
      { op: 'P99', column: 'duration_ms' },
    ],
    filters: [{ column: 'http.route', op: '=', value: FILTER_ROUTE }],
    breakdowns: ['app.userId'],
    limit: 1000,
    start_time: startSec,
    end_time: endSec,
  };
}

/**
 * What a person would write by hand for the same question the API answers: the same dataset
 * and the same time window (a Honeycomb query always has one), AVG and P99 per user on one route.
 */
export const HAND_WRITTEN_SQL = `SELECT "s:app.userId" AS user_id,
       avg(duration_ms) AS avg_ms,
       quantile_cont(duration_ms, 0.99) AS p99_ms
FROM spans
WHERE service = $1
  AND time_unix_nano >= $2 AND time_unix_nano < $3
  AND "s:http.route" = $4
GROUP BY 1`;

export function handWrittenParams(startSec: number, endSec: number): unknown[] {
  return [
    SERVICE_NAME,
    BigInt(startSec) * 1_000_000_000n,
    BigInt(endSec) * 1_000_000_000n,
    FILTER_ROUTE,
  ];
}

/** The same without dataset and window: every stored span happens to be in both, so it returns
 * the same rows while doing less work; reported for transparency, not as the target's baseline. */
export const UNBOUNDED_SQL = `SELECT "s:app.userId" AS user_id,
       avg(duration_ms) AS avg_ms,
       quantile_cont(duration_ms, 0.99) AS p99_ms
FROM spans
WHERE "s:http.route" = $1
GROUP BY 1`;

export const UNBOUNDED_PARAMS = [FILTER_ROUTE];

/**
 * The SQL the API compiles for this spec (the golden file the query compiler is tested against),
 * bound the way the server binds it, to split the API's overhead into "SQL shape" and
 * "HTTP + JSON + result storage". Undefined if the golden file is gone.
 */
export function compiledSql(
  startSec: number,
  endSec: number,
): { sql: string; params: unknown[] } | undefined {
  const file = join(
    REPO_ROOT,
    'apps/observability/src/query/__snapshots__/benchmark-results-only.sql',
  );
  if (!existsSync(file)) return undefined;
  return {
    sql: readFileSync(file, 'utf8').replace(/^--.*\n/gm, ''),
    params: [
      BigInt(startSec) * 1_000_000_000n,
      BigInt(endSec) * 1_000_000_000n,
      SERVICE_NAME,
      FILTER_ROUTE,
      1000,
    ],
  };
}
