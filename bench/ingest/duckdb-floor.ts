import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { decodeTraceRowsProto } from '../../apps/observability/src/receivers/otlp/decode-trace-rows-proto.js';
import { appendColumn } from '../../apps/observability/src/store/columns/column-layout.js';
import { insertRows } from '../../apps/observability/src/store/columns/insert-rows.js';
import { RowBlock } from '../../apps/observability/src/store/row-block.js';
import {
  FIXED_SQL_TYPE,
  quoteIdentifier,
  SQL_TYPE,
  STORED_COLUMNS,
  storedTableDdl,
} from '../../apps/observability/src/store/schema.js';
import {
  CHECKPOINT_THRESHOLD,
  TelemetryStore,
} from '../../apps/observability/src/store/telemetry-store.js';
import { PayloadStamper } from '../payloads/payload-stamper.js';
import { readTemplateFile } from '../payloads/template-file.js';
import { benchPath } from '../support/paths.js';

/**
 * Child process of `npm run bench -- duckdb-floor`, pinned to the target core. Five paths take
 * turns on that core, slice by slice, over spans of the same requests:
 * - **store**: the server's own path minus HTTP: OTLP protobuf requests decoded into row blocks,
 *   inserted and group-committed by `TelemetryStore`, `inFlight` requests at a time;
 * - **decode**: the same decoding into a reused row block, nothing stored;
 * - **insert**: rows already decoded (one slice's blocks, built once) inserted by `insertRows`
 *   into a table of the store's span columns, in as many commits as the store made;
 * - **DuckDB alone**: the rows the store kept, copied into an in-memory table first, then
 *   `INSERT … SELECT` into a table of the same columns (the store's `spans`), in as many commits: no decoding and no
 *   JavaScript per row, what storing these rows costs DuckDB itself;
 * - **DuckDB alone, span columns**: the same, into a table of only the columns the spans set,
 *   which is what the columns that spans leave NULL cost.
 * Each writes its own file with the store's settings and ends with a CHECKPOINT, so every path
 * pays for every row it wrote. Prints one JSON line with CPU seconds and rows of each.
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

const files = ['source', 'store', 'insert', 'alone', 'narrow'].map((name) =>
  benchPath('ingest', `floor-${name}-${process.pid}.duckdb`),
);
const [sourcePath, storePath, insertPath, alonePath, narrowPath] = files as [
  string,
  string,
  string,
  string,
  string,
];
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

/** A DuckDB file with the store's settings. */
async function openDuckDB(
  path: string,
): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(path, {
    threads: String(availableParallelism()),
    checkpoint_threshold: CHECKPOINT_THRESHOLD,
  });
  return { instance, connection: await instance.connect() };
}

/** Runs `work` and adds the CPU seconds it took to `totals[path]`. */
async function timed<P extends string>(
  totals: Record<P, number>,
  path: P,
  work: () => Promise<void> | void,
): Promise<void> {
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  totals[path] += (used.user + used.system) / 1e6;
}

/** Runs `statement` for commits `0 … count - 1`, each in a transaction of its own. */
async function inCommits(
  count: number,
  statement: (commit: number) => Promise<unknown>,
  run: (sql: string) => Promise<unknown>,
): Promise<void> {
  for (let commit = 0; commit < count; commit++) {
    await run('BEGIN');
    await statement(commit);
    await run('COMMIT');
  }
}

async function main(): Promise<void> {
  removeFiles();
  // The rows DuckDB alone inserts: one slice's worth, stored by the real store (untimed).
  const source = await TelemetryStore.open({ path: sourcePath });
  await storeRequests(source, requests(perSlice));
  await source.close();

  const store = await TelemetryStore.open({ path: storePath });
  // Untimed: the store adds its attribute columns (ALTER TABLE, CHECKPOINT) on first sight.
  await storeRequests(store, requests(inFlight));
  const attributes = store.catalog.existingColumns('spans');
  const layout = [
    ...STORED_COLUMNS.spans.map((name) => appendColumn(FIXED_SQL_TYPE.get(name)!)),
    ...attributes.map(([, type]) => appendColumn(SQL_TYPE[type])),
  ];
  const attributeNames = attributes.map(([name]) => name);
  const prebuilt = requests(perSlice).map((body) => {
    const { block } = decodeTraceRowsProto(body, store.catalog, new RowBlock());
    return { rowCount: block.rowCount, columns: block.columnsFor('spans', attributeNames) };
  });

  const alone = await openDuckDB(alonePath);
  const insertTarget = await openDuckDB(insertPath);
  const db = alone.connection;
  const run = (sql: string, params?: unknown[]) => db.run(sql, params as never);
  const count = async (sql: string): Promise<number> =>
    Number((await db.runAndReadAll(sql)).getRows()[0]![0]);
  await run(`ATTACH '${narrowPath}' AS narrow`);
  await run(`ATTACH '${sourcePath}' AS source (READ_ONLY)`);
  await run("ATTACH ':memory:' AS memory");
  await run(
    'CREATE TABLE memory.source_rows AS SELECT row_number() OVER () AS n, * FROM source.spans',
  );
  await run('CREATE TABLE main.spans AS SELECT * FROM source.spans LIMIT 0');
  await run('DETACH source');
  const sourceRows = await count('SELECT count(*) FROM memory.source_rows');
  const columns = (await db.runAndReadAll('DESCRIBE main.spans')).getRows().map(([c]) => String(c));
  const spanColumns: string[] = [];
  for (const column of columns) {
    const set = await count(`SELECT count(${quoteIdentifier(column)}) FROM memory.source_rows`);
    if (set > 0) spanColumns.push(quoteIdentifier(column));
  }
  const narrowSelect = `SELECT ${spanColumns.join(', ')} FROM memory.source_rows`;
  await run(`CREATE TABLE narrow.spans AS ${narrowSelect} LIMIT 0`);
  const insertInto = insertTarget.connection;
  await insertInto.run(storedTableDdl('spans'));
  for (const [name, type] of attributes) {
    await insertInto.run(`ALTER TABLE spans ADD COLUMN ${quoteIdentifier(name)} ${SQL_TYPE[type]}`);
  }
  await insertInto.run('CHECKPOINT');

  const cpu = { store: 0, decode: 0, insert: 0, alone: 0, narrow: 0 };
  let commits = 0;
  const reused = new RowBlock();
  for (let slice = 0; slice < slices; slice++) {
    const before = store.ingestStats().commits;
    const bodies = requests(perSlice);
    await timed(cpu, 'store', () => storeRequests(store, bodies));
    const sliceCommits = store.ingestStats().commits - before;
    commits += sliceCommits;

    const decodeBodies = requests(perSlice);
    await timed(cpu, 'decode', () => {
      for (const body of decodeBodies) {
        reused.reset();
        decodeTraceRowsProto(body, store.catalog, reused);
      }
    });

    const blocksPerCommit = Math.ceil(prebuilt.length / sliceCommits);
    const inserted = { name: 'spans' };
    await timed(cpu, 'insert', () =>
      inCommits(
        Math.ceil(prebuilt.length / blocksPerCommit),
        (c) =>
          insertRows(
            insertInto,
            inserted,
            layout,
            prebuilt.slice(c * blocksPerCommit, (c + 1) * blocksPerCommit),
          ),
        (sql) => insertInto.run(sql),
      ),
    );

    const rowsPerCommit = Math.ceil(sourceRows / sliceCommits);
    const range = (c: number) => [c * rowsPerCommit, (c + 1) * rowsPerCommit];
    const commitsAlone = Math.ceil(sourceRows / rowsPerCommit);
    await timed(cpu, 'alone', () =>
      inCommits(
        commitsAlone,
        (c) =>
          run(
            'INSERT INTO main.spans SELECT * EXCLUDE (n) FROM memory.source_rows WHERE n > $1 AND n <= $2',
            range(c),
          ),
        run,
      ),
    );
    await timed(cpu, 'narrow', () =>
      inCommits(
        commitsAlone,
        (c) => run(`INSERT INTO narrow.spans ${narrowSelect} WHERE n > $1 AND n <= $2`, range(c)),
        run,
      ),
    );
  }
  await timed(cpu, 'store', () => store.query('CHECKPOINT').then(() => undefined));
  await timed(cpu, 'insert', () => insertInto.run('CHECKPOINT').then(() => undefined));
  await timed(cpu, 'alone', () => run('CHECKPOINT').then(() => undefined));
  await timed(cpu, 'narrow', () => run('CHECKPOINT narrow').then(() => undefined));

  await store.close();
  for (const opened of [alone, insertTarget]) {
    opened.connection.closeSync();
    opened.instance.closeSync();
  }
  console.log(
    JSON.stringify({
      spans: slices * perSlice * SPANS_PER_REQUEST,
      rowsAlone: slices * sourceRows,
      cpuSeconds: cpu,
      commits,
      columns: columns.length,
      spanColumns: spanColumns.length,
    }),
  );
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(removeFiles);
