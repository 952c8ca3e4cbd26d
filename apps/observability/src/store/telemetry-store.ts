import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { TraceView } from '../contract/trace-view.js';
import type { ColumnType } from '../model/attributes.js';
import type { TraceId } from '../model/ids.js';
import type { TelemetryBatch } from '../model/telemetry-batch.js';
import { BoundedMap } from './bounded-map.js';
import { CLOUDWATCH_LOGS_DDL } from './cloudwatch-logs-schema.js';
import {
  type CatalogEntry,
  ColumnCatalog,
  DEFAULT_MAX_ATTRIBUTE_COLUMNS,
} from './column-catalog.js';
import { ErrorStore } from './error-store.js';
import { type IngestStats, IngestWriter, TURN_KEYS_DDL } from './ingest-writer.js';
import { RecentKeys } from './recent-keys.js';
import type { RowBlock } from './row-block.js';
import {
  COLUMNS_DDL,
  EVENTS_VIEW_DDL,
  type PhysicalTable,
  parseAttributeColumnName,
  QUERIES_DDL,
  RESOURCES_DDL,
  storedTableDdl,
} from './schema.js';
import { splitEventsTable } from './split-events-table.js';
import { readTrace } from './trace-reader.js';

export interface StoreOptions {
  /** A DuckDB file, or `:memory:`. */
  readonly path: string;
  readonly maxAttributeColumns?: number;
  readonly maxPendingRows?: number;
  readonly maxCommitRows?: number;
  /** DuckDB's memory limit, e.g. `1GB`. */
  readonly memoryLimit?: string;
}

export const DEFAULT_MEMORY_LIMIT = '1GB';
export const CHECKPOINT_THRESHOLD = '64MB';
const MAX_KEPT_RESULTS = 1_000;
const MAX_CACHED_QUERIES = 10_000;
/** Committed keys kept for the duplicate check, per generation (two are kept): about 40 MB. */
const RECENT_KEYS_PER_GENERATION = 200_000;
const MIN_TIME = -(2n ** 63n);

export interface DatasetInfo {
  readonly name: string;
  readonly firstWrittenMs: number;
  readonly lastWrittenMs: number;
}

/** The only module that touches DuckDB: ingest through one writer, reads on their own connections. */
export class TelemetryStore {
  readonly #results = new BoundedMap<string, string>(MAX_KEPT_RESULTS);
  /** Saved specs are durable in `saved_queries`; this spares a read on every run. */
  readonly #savedQueries = new BoundedMap<string, string>(MAX_CACHED_QUERIES);

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writerConnection: DuckDBConnection,
    readonly catalog: ColumnCatalog,
    private readonly writer: IngestWriter,
    /** Rollbar items and occurrences, on their own writer. */
    readonly errors: ErrorStore,
  ) {}

  static async open(options: StoreOptions): Promise<TelemetryStore> {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    const instance = await DuckDBInstance.create(options.path, {
      // DuckDB caches blocks up to its memory limit (80% of RAM by default): cap it so the
      // server's footprint stays predictable next to the app it observes.
      memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
      // DuckDB counts every core of the machine; a process confined to fewer (taskset, a
      // container's cpuset) only loses time to threads it cannot run at once.
      threads: String(availableParallelism()),
      // A checkpoint recompresses the row groups written since the last one, the newest only
      // partly filled; at DuckDB's 16 MB default that happened about three times per row group
      // under steady ingest and cost more per span than the append itself.
      checkpoint_threshold: CHECKPOINT_THRESHOLD,
    });
    const connection = await instance.connect();
    const converting = performance.now();
    if (await splitEventsTable(connection)) {
      const seconds = ((performance.now() - converting) / 1000).toFixed(1);
      console.log(
        `store: moved the events table's rows into spans and logs in ${seconds} s (once)`,
      );
    }
    const tables = [storedTableDdl('spans'), storedTableDdl('logs'), EVENTS_VIEW_DDL];
    for (const ddl of [...tables, RESOURCES_DDL, COLUMNS_DDL, QUERIES_DDL]) {
      await connection.run(ddl);
    }
    for (const ddl of CLOUDWATCH_LOGS_DDL) await connection.run(ddl);
    await connection.run('CHECKPOINT');
    const catalog = new ColumnCatalog(options.maxAttributeColumns ?? DEFAULT_MAX_ATTRIBUTE_COLUMNS);
    await loadCatalog(connection, catalog);
    await connection.run(TURN_KEYS_DDL);
    const resources = await connection.runAndReadAll('SELECT resource_id FROM resources');
    // Every stored row is older than the floor, so the writer's key memory starts out complete.
    const newest = await connection.runAndReadAll('SELECT max(time_unix_nano) FROM events');
    const floor = ((newest.getRows()[0]?.[0] as bigint | null) ?? MIN_TIME) + 1n;
    const writer = new IngestWriter(
      connection,
      catalog,
      {
        maxPendingRows: options.maxPendingRows ?? 200_000,
        maxCommitRows: options.maxCommitRows ?? 50_000,
      },
      resources.getRows().map((row) => row[0] as bigint),
      new RecentKeys(floor, RECENT_KEYS_PER_GENERATION),
    );
    const errors = await ErrorStore.open(instance);
    return new TelemetryStore(instance, connection, catalog, writer, errors);
  }

  /** Resolves once the batch is committed: only then may a receiver answer 2xx. */
  ingest(batch: TelemetryBatch): Promise<void> {
    return this.writer.submit(batch);
  }

  /**
   * Runs `decode`, which writes rows straight into the block it is given, with this store's
   * catalog, and queues them; `stored` resolves once it is committed. A decode that throws leaves the catalog
   * as it was, and throws.
   */
  ingestDecoded<R>(decode: (catalog: ColumnCatalog, block: RowBlock) => R): {
    decoded: R;
    stored: Promise<void>;
  } {
    const { built, stored } = this.writer.submitBuilt((block) => decode(this.catalog, block));
    return { decoded: built, stored };
  }

  /** How many commits the ingest writer made, and how many requests they answered. */
  ingestStats(): IngestStats {
    return this.writer.stats();
  }

  /** Runs a read on its own connection, so reads never queue behind the writer. */
  async query(sql: string, params: readonly unknown[] = []): Promise<Record<string, unknown>[]> {
    const connection = await this.instance.connect();
    try {
      const reader = await connection.runAndReadAll(sql, params as never);
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    } finally {
      connection.closeSync();
    }
  }

  trace(traceId: TraceId): Promise<TraceView | undefined> {
    return readTrace((sql, params) => this.query(sql, params), this.catalog, traceId);
  }

  columnEntries(datasets: readonly string[] | 'all'): CatalogEntry[] {
    return this.catalog.entries(datasets);
  }

  async datasets(): Promise<DatasetInfo[]> {
    const rows = await this.query(
      `SELECT service, min(time_unix_nano) // 1000000 AS first_ms, max(time_unix_nano) // 1000000 AS last_ms
       FROM events GROUP BY service ORDER BY service`,
    );
    return rows.map((row) => ({
      name: String(row.service),
      firstWrittenMs: Number(row.first_ms),
      lastWrittenMs: Number(row.last_ms),
    }));
  }

  /**
   * Saves a spec under its content-derived id (`queryId`). The same id always names the same
   * spec, so one already saved, known here or found on disk, is not written again.
   */
  async saveQuery(dataset: string, id: string, specJson: string): Promise<void> {
    if ((await this.savedQuery(dataset, id)) !== undefined) return;
    await this.#write('INSERT INTO saved_queries VALUES ($1, $2, $3, $4)', [
      dataset,
      id,
      specJson,
      BigInt(Date.now()),
    ]);
    this.#savedQueries.set(keyOf(dataset, id), specJson);
  }

  async savedQuery(dataset: string, id: string): Promise<string | undefined> {
    const key = keyOf(dataset, id);
    const cached = this.#savedQueries.get(key);
    if (cached !== undefined) return cached;
    const rows = await this.query(
      'SELECT spec_json FROM saved_queries WHERE dataset = $1 AND id = $2 LIMIT 1',
      [dataset, id],
    );
    const found = rows[0]?.spec_json as string | undefined;
    if (found !== undefined) this.#savedQueries.set(key, found);
    return found;
  }

  /**
   * Query results live in memory only (the newest 1,000): like Honeycomb's, they are fetched right
   * after the run, and writing each to disk would cost a commit on every query.
   */
  saveQueryResult(dataset: string, id: string, json: string): void {
    this.#results.set(keyOf(dataset, id), json);
  }

  queryResult(dataset: string, id: string): string | undefined {
    return this.#results.get(keyOf(dataset, id));
  }

  /** Commits what was accepted, checkpoints, and releases the file. */
  async close(): Promise<void> {
    await this.writer.close();
    await this.errors.close();
    // A reader still running can refuse the checkpoint; the WAL then replays on the next open.
    await this.writerConnection.run('CHECKPOINT').catch((error: unknown) => {
      console.warn(`store: final checkpoint skipped: ${String(error)}`);
    });
    this.writerConnection.closeSync();
    this.instance.closeSync();
  }

  async #write(sql: string, params: readonly unknown[]): Promise<void> {
    const connection = await this.instance.connect();
    try {
      await connection.run(sql, params as never);
    } finally {
      connection.closeSync();
    }
  }
}

/** Query ids are per dataset: caches key them by both. */
function keyOf(dataset: string, id: string): string {
  return `${dataset}\u0000${id}`;
}

async function loadCatalog(connection: DuckDBConnection, catalog: ColumnCatalog): Promise<void> {
  const columns = await connection.runAndReadAll(
    `SELECT table_name, column_name FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'main'
       AND table_name IN ('spans', 'logs', 'resources') AND regexp_matches(column_name, '^[sifb]:')`,
  );
  for (const [table, name] of columns.getRows() as [PhysicalTable, string][]) {
    catalog.loadColumn({ table, name, type: parseAttributeColumnName(name).type });
  }
  const entries = await connection.runAndReadAll(
    'SELECT DISTINCT dataset, key_name, type, table_name FROM dataset_columns',
  );
  for (const [dataset, keyName, type, table] of entries.getRows() as string[][]) {
    catalog.loadEntry({
      dataset: dataset!,
      keyName: keyName!,
      type: type as ColumnType,
      table: table as CatalogEntry['table'],
    });
  }
}
