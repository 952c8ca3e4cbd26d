import { SERVICE_NAME } from '../payloads/workload.js';
import { fmtInt, fmtMs, fmtRatio, printTable, verdict } from '../support/format.js';
import { runHoneycombQuery } from '../support/honeycomb-api.js';
import { startObservability } from '../support/observability-server.js';
import { median } from '../support/stats.js';
import {
  benchmarkSpec,
  compiledSql,
  HAND_WRITTEN_SQL,
  handWrittenParams,
  UNBOUNDED_PARAMS,
  UNBOUNDED_SQL,
} from './benchmark-query.js';
import { type DatasetInfo, existingDataset, loadDataset, printLoad } from './dataset-10m.js';
import { DirectDuckDb, type Statement } from './direct-duckdb.js';

export interface QueryBenchOptions {
  readonly rounds: number;
  readonly repetitions: number;
  /** Load the 10M spans afresh even if the file exists (measures peak RSS). */
  readonly reload: boolean;
  readonly serverCpu: string;
  readonly clientCpu: string;
  readonly concurrency: number;
}

const TARGET_RATIO = 1.3;
const TARGET_MS = 500;

/**
 * Query: the AVG/P99 GROUP BY app.userId with a route filter over 10M spans, through the
 * Honeycomb API (create query, create result, fetch result) versus hand-written SQL on a copy of
 * the same file, the two alternating run by run. Both run unpinned (DuckDB uses every core).
 */
export async function queryBench(options: QueryBenchOptions): Promise<void> {
  console.log('\n== query: 10M spans, AVG + P99(duration_ms) BY app.userId WHERE http.route = …');
  let dataset: DatasetInfo | undefined = options.reload ? undefined : existingDataset();
  const fresh = dataset === undefined;
  dataset ??= await loadDataset(options);
  printLoad(dataset, fresh);

  const spec = benchmarkSpec(dataset.startSec, dataset.endSec);
  const compiled = compiledSql(dataset.startSec, dataset.endSec);
  const statements: Statement[] = [
    { sql: HAND_WRITTEN_SQL, params: handWrittenParams(dataset.startSec, dataset.endSec) },
    { sql: UNBOUNDED_SQL, params: UNBOUNDED_PARAMS },
    ...(compiled ? [compiled] : []),
  ];
  const api: number[] = [];
  const apiResultPhase: number[] = [];
  const apiWithSeries: number[] = [];
  const direct: number[] = [];
  const directUnbounded: number[] = [];
  const directCompiled: number[] = [];
  let groups = 0;
  let directRows = 0;
  for (let round = 0; round < options.rounds; round++) {
    // Copied before the server opens the file: a running server may checkpoint into it.
    const directDb = await DirectDuckDb.open(dataset.path);
    const server = await startObservability({ data: dataset.path, cpus: undefined });
    try {
      // Warm both: the first run of each reads the columns from disk.
      await runHoneycombQuery(server.url, SERVICE_NAME, spec, { disableSeries: true });
      await timeEach(directDb, statements);
      // One API run, then each direct statement, and again: drift hits both sides alike.
      for (let r = 0; r < options.repetitions; r++) {
        const timing = await runHoneycombQuery(server.url, SERVICE_NAME, spec, {
          disableSeries: true,
        });
        api.push(timing.totalMs);
        apiResultPhase.push(timing.resultMs);
        groups = timing.data.results.length;
        const [handWritten, unbounded, compiledRun] = await timeEach(directDb, statements);
        direct.push(handWritten!.ms);
        directRows = handWritten!.rows;
        directUnbounded.push(unbounded!.ms);
        if (compiledRun !== undefined) directCompiled.push(compiledRun.ms);
      }
      for (let r = 0; r < Math.max(1, Math.floor(options.repetitions / 2)); r++) {
        apiWithSeries.push((await runHoneycombQuery(server.url, SERVICE_NAME, spec)).totalMs);
      }
    } finally {
      await server.child.stop();
      directDb.close();
    }
  }

  const apiMs = median(api);
  const directMs = median(direct);
  const ratio = apiMs / directMs;
  console.log('');
  printTable(
    ['path', 'median', 'runs', 'groups'],
    [
      [
        'API: create + result + fetch (disable_series)',
        fmtMs(apiMs),
        String(api.length),
        String(groups),
      ],
      [
        '  of which POST /1/query_results',
        fmtMs(median(apiResultPhase)),
        String(apiResultPhase.length),
        '',
      ],
      [
        'API with the time series (default)',
        fmtMs(median(apiWithSeries)),
        String(apiWithSeries.length),
        '',
      ],
      [
        'direct DuckDB: hand-written SQL (same dataset + window)',
        fmtMs(directMs),
        String(direct.length),
        String(directRows),
      ],
      [
        'direct DuckDB: hand-written, no dataset/window',
        fmtMs(median(directUnbounded)),
        String(directUnbounded.length),
        '',
      ],
      ...(directCompiled.length > 0
        ? [
            [
              'direct DuckDB: the API’s compiled SQL',
              fmtMs(median(directCompiled)),
              String(directCompiled.length),
              '',
            ],
          ]
        : []),
    ],
  );
  console.log('');
  console.log(
    `API / hand-written SQL: ${fmtRatio(ratio)} (target ≤ ${TARGET_RATIO}: ${verdict(ratio <= TARGET_RATIO)}); ` +
      `API ${fmtMs(apiMs)} (target < ${TARGET_MS} ms: ${verdict(apiMs < TARGET_MS)}) over ${fmtInt(dataset.spans)} spans`,
  );
  console.log(
    `API / hand-written SQL without dataset and window: ${fmtRatio(apiMs / median(directUnbounded))}`,
  );
}

async function timeEach(
  direct: DirectDuckDb,
  statements: readonly Statement[],
): Promise<{ ms: number; rows: number }[]> {
  const timed: { ms: number; rows: number }[] = [];
  for (const statement of statements) timed.push(await direct.time(statement));
  return timed;
}
