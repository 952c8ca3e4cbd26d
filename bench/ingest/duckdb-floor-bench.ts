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
  cpuSeconds: z.object({
    store: z.number(),
    decode: z.number(),
    insert: z.number(),
    alone: z.number(),
    narrow: z.number(),
  }),
  commits: z.number(),
  columns: z.number(),
  spanColumns: z.number(),
});

const TARGET_SPANS_PER_SECOND = 100_000;

/**
 * Where storing spans goes, with DuckDB's own work beside ours: the store (decoding OTLP protobuf
 * and inserting, in process, no HTTP), decoding alone, inserting already decoded rows alone, and
 * DuckDB alone (`INSERT … SELECT` of the same rows from memory into all the table's columns, and
 * into only the columns spans set) take turns on one core over the same spans, with as many
 * commits and the same checkpoint threshold (`duckdb-floor.ts`). The ratios say what is left to
 * gain in our code, and what the columns spans leave NULL cost DuckDB.
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
  const perSpan = (seconds: number, rows: number) => (seconds / rows) * 1e6;
  const cpu = result.cpuSeconds;
  const store = perSpan(cpu.store, result.spans);
  const decode = perSpan(cpu.decode, result.spans);
  const insert = perSpan(cpu.insert, result.spans);
  const alone = perSpan(cpu.alone, result.rowsAlone);
  const narrow = perSpan(cpu.narrow, result.rowsAlone);
  console.log(
    `\n== duckdb-floor: ${fmtInt(result.spans)} spans (${result.columns} columns), ${options.slices} slices ` +
      `taking turns on CPU ${options.targetCpu}, ${options.inFlight} requests in flight, ` +
      `${fmtInt(result.commits)} commits each`,
  );
  const row = (path: string, micros: number) => [
    path,
    `${micros.toFixed(2)} µs`,
    fmtInt(1e6 / micros),
  ];
  printTable(
    ['path', 'CPU/span', 'spans/s one core could store'],
    [
      row('store (decode + insert + commit, no HTTP)', store),
      row('decode alone (into a reused row block)', decode),
      row('insert alone (decoded rows, same commits)', insert),
      row(`DuckDB alone (INSERT … SELECT, ${result.columns} columns)`, alone),
      row(`DuckDB alone, the ${result.spanColumns} columns spans set`, narrow),
    ],
  );
  console.log(
    `DuckDB alone / store: ${fmtRatio(alone / store)} of the store's CPU is DuckDB's own`,
  );
  console.log(
    `(decode + insert) / store: ${fmtRatio((decode + insert) / store)}; ` +
      `insert / DuckDB alone: ${fmtRatio(insert / alone)} (our filling of chunks on top of DuckDB's work)`,
  );
  console.log(
    `DuckDB alone, span columns / all columns: ${fmtRatio(narrow / alone)} ` +
      `(the ${result.columns - result.spanColumns} columns spans leave NULL cost ${(alone - narrow).toFixed(2)} µs a span)`,
  );
  console.log(
    `${fmtInt(TARGET_SPANS_PER_SECOND)} spans/s on one core leaves ${(1e6 / TARGET_SPANS_PER_SECOND).toFixed(1)} µs a span; ` +
      `DuckDB alone leaves ${(1e6 / TARGET_SPANS_PER_SECOND - alone).toFixed(2)} µs of it for HTTP, decoding and inserting`,
  );
}
