import { z } from 'zod';
import { writeTemplateFile } from '../payloads/template-file.js';
import { Child, tsxArgs } from '../support/child-process.js';
import { fmtInt, fmtRatio, printTable } from '../support/format.js';
import { benchScript } from '../support/paths.js';

export interface DuckdbFloorOptions {
  readonly requests: number;
  readonly slices: number;
  readonly inFlight: number;
  readonly targetCpu: string;
}

const floorResult = z.object({
  spans: z.number(),
  rowsAlone: z.number(),
  storeCpuSeconds: z.number(),
  aloneCpuSeconds: z.number(),
  commits: z.number(),
  columns: z.number(),
});

const TARGET_SPANS_PER_SECOND = 100_000;

/**
 * How much of storing spans is DuckDB's own work: the store (decoding OTLP protobuf and appending,
 * in process, no HTTP) and DuckDB alone (`INSERT … SELECT` of the same rows from memory, as many
 * commits, the same checkpoint threshold) taking turns on one core (`duckdb-floor.ts`). The ratio
 * says what is left to gain in our code; DuckDB alone bounds what any code over it could reach
 * on this core against the ingest target.
 */
export async function duckdbFloorBench(options: DuckdbFloorOptions): Promise<void> {
  const { path: templates } = writeTemplateFile();
  const child = new Child({
    name: 'duckdb floor',
    cpus: options.targetCpu,
    command: process.execPath,
    args: tsxArgs(benchScript('ingest/duckdb-floor.ts'), [
      '--templates',
      templates,
      '--requests',
      String(options.requests),
      '--slices',
      String(options.slices),
      '--in-flight',
      String(options.inFlight),
    ]),
    stopTimeoutMs: 10_000,
  });
  const line = (await child.waitForOutput(/^\{.*\}$/m, 600_000))[0];
  await child.stop();
  const result = floorResult.parse(JSON.parse(line));
  const store = (result.storeCpuSeconds / result.spans) * 1e6;
  const alone = (result.aloneCpuSeconds / result.rowsAlone) * 1e6;
  console.log(
    `\n== duckdb-floor: ${fmtInt(result.spans)} spans (${result.columns} columns), ${options.slices} slices ` +
      `taking turns on CPU ${options.targetCpu}, ${options.inFlight} requests in flight, ` +
      `${fmtInt(result.commits)} commits each`,
  );
  printTable(
    ['path', 'CPU/span', 'spans/s one core could store'],
    [
      ['store (decode + append + commit, no HTTP)', `${store.toFixed(2)} µs`, fmtInt(1e6 / store)],
      ['DuckDB alone (INSERT … SELECT)', `${alone.toFixed(2)} µs`, fmtInt(1e6 / alone)],
    ],
  );
  console.log(
    `DuckDB alone / store: ${fmtRatio(alone / store)} of the store's CPU is DuckDB's own`,
  );
  console.log(
    `${fmtInt(TARGET_SPANS_PER_SECOND)} spans/s on one core leaves ${(1e6 / TARGET_SPANS_PER_SECOND).toFixed(1)} µs a span; ` +
      `DuckDB alone leaves ${(1e6 / TARGET_SPANS_PER_SECOND - alone).toFixed(2)} µs of it for HTTP, decoding and appending`,
  );
}
