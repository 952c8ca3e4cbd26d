import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { decodeTraceRowsProto } from '../../apps/observability/src/receivers/otlp/decode-trace-rows-proto.js';
import {
  CHECKPOINT_THRESHOLD,
  TelemetryStore,
} from '../../apps/observability/src/store/telemetry-store.js';
import { PayloadStamper } from '../payloads/payload-stamper.js';
import { readTemplateFile } from '../payloads/template-file.js';
import { benchPath } from '../support/paths.js';

/**
 * Child process of `npm run bench -- duckdb-floor`, pinned to the target core. Two things take
 * turns on that core, slice by slice, on the same spans:
 * - **the store**: the server's own path minus HTTP: OTLP protobuf requests decoded into row
 *   blocks, appended and group-committed by `TelemetryStore`, `inFlight` requests at a time;
 * - **DuckDB alone**: the rows that store kept, copied into an in-memory table first, then
 *   `INSERT … SELECT` into a table of the same columns in a file with the store's settings, in as
 *   many commits as the store made in the same slice. No decoding, no appender, no JavaScript per
 *   row: what storing these spans costs DuckDB itself.
 * Each ends with a CHECKPOINT, so both pay for every row they wrote to the file. Prints one JSON
 * line with CPU seconds and spans of each.
 */
const { values } = parseArgs({
  options: {
    templates: { type: 'string' },
    requests: { type: 'string', default: '1000' },
    slices: { type: 'string', default: '10' },
    'in-flight': { type: 'string', default: '8' },
  },
});
const SPANS_PER_REQUEST = 512;
const slices = Number(values.slices);
const perSlice = Math.max(1, Math.round(Number(values.requests) / slices));
const inFlight = Number(values['in-flight']);
const stamper = new PayloadStamper(readTemplateFile(values.templates!));
let nextRequest = 0;
/** Fresh request bodies, stamped before the clock starts: in the server that is the client's work. */
const requests = (count: number): Buffer[] =>
  Array.from({ length: count }, () =>
    stamper.stamp(nextRequest++, BigInt(Date.now()) * 1_000_000n),
  );

const files = ['source', 'store', 'alone'].map((name) =>
  benchPath('ingest', `floor-${name}-${process.pid}.duckdb`),
);
const [sourcePath, storePath, alonePath] = files as [string, string, string];
const removeFiles = (): void => {
  for (const file of files) for (const path of [file, `${file}.wal`]) rmSync(path, { force: true });
};

/** Stores `bodies` through `store`, `inFlight` at a time, as the receiver does. */
async function storeRequests(store: TelemetryStore, bodies: readonly Buffer[]): Promise<void> {
  let next = 0;
  const sender = async (): Promise<void> => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      await store.ingestDecoded((catalog, block) => decodeTraceRowsProto(body, catalog, block))
        .stored;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, sender));
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

async function main(): Promise<void> {
  removeFiles();
  // The rows DuckDB alone inserts: one slice's worth, stored by the real store (untimed).
  const source = await TelemetryStore.open({ path: sourcePath });
  await storeRequests(source, requests(perSlice));
  await source.close();

  const store = await TelemetryStore.open({ path: storePath });
  const alone = await DuckDBInstance.create(alonePath, {
    threads: String(availableParallelism()),
    checkpoint_threshold: CHECKPOINT_THRESHOLD,
  });
  const db = await alone.connect();
  await db.run(`ATTACH '${sourcePath}' AS source (READ_ONLY)`);
  await db.run("ATTACH ':memory:' AS memory");
  await db.run(
    'CREATE TABLE memory.source_rows AS SELECT row_number() OVER () AS n, * FROM source.events',
  );
  await db.run('CREATE TABLE main.events AS SELECT * FROM source.events LIMIT 0');
  await db.run('DETACH source');
  const count = async (sql: string): Promise<number> =>
    Number((await db.runAndReadAll(sql)).getRows()[0]![0]);
  const sourceRows = await count('SELECT count(*) FROM memory.source_rows');

  let storeCpu = 0;
  let aloneCpu = 0;
  let commits = 0;
  for (let slice = 0; slice < slices; slice++) {
    const before = store.ingestStats().commits;
    const bodies = requests(perSlice);
    let start = process.cpuUsage();
    await storeRequests(store, bodies);
    storeCpu += cpuSecondsSince(start);
    const sliceCommits = store.ingestStats().commits - before;
    commits += sliceCommits;

    const rowsPerCommit = Math.ceil(sourceRows / sliceCommits);
    start = process.cpuUsage();
    for (let first = 0; first < sourceRows; first += rowsPerCommit) {
      await db.run('BEGIN');
      await db.run(
        'INSERT INTO main.events SELECT * EXCLUDE (n) FROM memory.source_rows WHERE n > $1 AND n <= $2',
        [first, first + rowsPerCommit],
      );
      await db.run('COMMIT');
    }
    aloneCpu += cpuSecondsSince(start);
  }
  let start = process.cpuUsage();
  await store.query('CHECKPOINT');
  storeCpu += cpuSecondsSince(start);
  start = process.cpuUsage();
  await db.run('CHECKPOINT');
  aloneCpu += cpuSecondsSince(start);

  const columns = await count(
    "SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database() AND table_name = 'events'",
  );
  await store.close();
  db.closeSync();
  alone.closeSync();
  console.log(
    JSON.stringify({
      spans: slices * perSlice * SPANS_PER_REQUEST,
      rowsAlone: slices * sourceRows,
      storeCpuSeconds: storeCpu,
      aloneCpuSeconds: aloneCpu,
      commits,
      columns,
    }),
  );
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(removeFiles);
