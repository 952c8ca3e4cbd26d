import type { DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import type { TelemetryBatch } from '../model/telemetry-batch.js';
import type { CatalogEntry, ColumnCatalog } from './column-catalog.js';
import { appendColumns, duckdbType } from './columnar-append.js';
import { EventRows, type ResourceRow } from './event-rows.js';
import { EVENT_COLUMNS, quoteIdentifier, SQL_TYPE } from './schema.js';
import { StoreClosedError, StoreOverloadedError } from './store-errors.js';

export interface IngestWriterOptions {
  /** Rows accepted but not yet committed before new requests are refused with 503. */
  readonly maxPendingRows: number;
  /** Rows folded into one commit at most. */
  readonly maxCommitRows: number;
}

interface Waiting {
  readonly batch: TelemetryBatch;
  readonly rows: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

const STAGING = { name: 'staging_events', schema: 'main', catalog: 'temp' };
/** Margin around a commit's time range when looking for re-delivered rows: X-Ray times are µs. */
const DEDUPE_MARGIN_NANOS = 1_000_000_000n;

/**
 * The only writer. Requests queue here; each turn of the loop takes everything waiting (up to
 * `maxCommitRows`), stages it with one columnar append and moves it into `events` in a single
 * transaction that skips rows already stored. Every request of a turn is answered after COMMIT,
 * so a 2xx always means durable, and a failed turn stores none of its requests.
 */
export class IngestWriter {
  readonly #queue: Waiting[] = [];
  readonly #knownResources = new Set<bigint>();
  #pendingRows = 0;
  #draining = false;
  #idle: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly catalog: ColumnCatalog,
    private readonly options: IngestWriterOptions,
    knownResources: Iterable<bigint>,
  ) {
    for (const id of knownResources) this.#knownResources.add(id);
  }

  submit(batch: TelemetryBatch): Promise<void> {
    if (this.#closed) return Promise.reject(new StoreClosedError());
    const rows = countRows(batch);
    if (rows === 0) return Promise.resolve();
    if (this.#pendingRows > 0 && this.#pendingRows + rows > this.options.maxPendingRows) {
      return Promise.reject(new StoreOverloadedError(1));
    }
    this.#pendingRows += rows;
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ batch, rows, resolve, reject });
      if (!this.#draining) {
        this.#draining = true;
        this.#idle = this.#drain();
      }
    });
  }

  /** Resolves when everything accepted so far is committed; later submissions are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#idle;
  }

  /** Runs while work is queued; the flag drops in the same tick the queue is seen empty. */
  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const turn = this.#takeTurn();
        try {
          await this.#commit(turn);
          for (const waiting of turn) waiting.resolve();
        } catch (error) {
          for (const waiting of turn) waiting.reject(error);
        } finally {
          for (const waiting of turn) this.#pendingRows -= waiting.rows;
        }
      }
    } finally {
      this.#draining = false;
    }
  }

  #takeTurn(): Waiting[] {
    const turn: Waiting[] = [];
    let rows = 0;
    while (this.#queue.length > 0) {
      const next = this.#queue[0]!;
      if (turn.length > 0 && rows + next.rows > this.options.maxCommitRows) break;
      turn.push(this.#queue.shift()!);
      rows += next.rows;
    }
    return turn;
  }

  async #commit(turn: readonly Waiting[]): Promise<void> {
    const rows = new EventRows(this.catalog);
    for (const waiting of turn) rows.add(waiting.batch);
    await this.#addPendingColumns();
    const entries = this.catalog.drainPendingEntries();
    const dynamic = [...this.catalog.physicalColumns('events')];
    const types: DuckDBType[] = [
      ...EVENT_COLUMNS.map(([, sqlType]) => duckdbType(sqlType)),
      ...dynamic.map(([, type]) => duckdbType(SQL_TYPE[type])),
    ];
    const newResources = [...rows.resources.values()].filter(
      (r) => !this.#knownResources.has(r.resourceId),
    );
    try {
      await this.connection.run('DELETE FROM temp.main.staging_events');
      await appendColumns(
        this.connection,
        STAGING,
        types,
        rows.columnsInOrder(dynamic.map(([name]) => name)),
        rows.rowCount,
      );
      await this.connection.run('BEGIN TRANSACTION');
      try {
        await this.#moveStagedRows(rows.timeRange());
        for (const resource of newResources) await this.#insertResource(resource);
        for (const entry of entries) await this.#insertEntry(entry);
        await this.connection.run('COMMIT');
      } catch (error) {
        await this.connection.run('ROLLBACK');
        throw error;
      }
    } catch (error) {
      this.catalog.forgetEntries(entries);
      throw error;
    }
    for (const resource of newResources) this.#knownResources.add(resource.resourceId);
  }

  /**
   * The bounds are cast to BIGINT: a bigint parameter binds as HUGEINT, which would compare every
   * stored time as HUGEINT instead of letting row groups be skipped by their min/max.
   */
  async #moveStagedRows(range: { min: bigint; max: bigint }): Promise<void> {
    await this.connection.run(
      `INSERT INTO events
       SELECT * FROM temp.main.staging_events s
       WHERE NOT EXISTS (
         SELECT 1 FROM events x
         WHERE x.event_id = s.event_id
           AND x.trace_id IS NOT DISTINCT FROM s.trace_id
           AND x.time_unix_nano BETWEEN $1::BIGINT AND $2::BIGINT)
       QUALIFY row_number() OVER (PARTITION BY s.trace_id, s.event_id) = 1`,
      [range.min - DEDUPE_MARGIN_NANOS, range.max + DEDUPE_MARGIN_NANOS],
    );
  }

  /**
   * New typed columns, added in one transaction and checkpointed at once: DuckDB has failed to
   * replay a WAL holding ALTER TABLE after a crash, so schema changes never wait in the WAL. The
   * staging table is then rebuilt from the new shape in one statement.
   */
  async #addPendingColumns(): Promise<void> {
    const columns = this.catalog.drainPendingColumns();
    if (columns.length === 0) return;
    await this.connection.run('BEGIN TRANSACTION');
    try {
      for (const column of columns) {
        const definition = `${quoteIdentifier(column.name)} ${SQL_TYPE[column.type]}`;
        await this.connection.run(
          `ALTER TABLE ${column.table} ADD COLUMN IF NOT EXISTS ${definition}`,
        );
      }
      await this.connection.run('COMMIT');
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    }
    await this.connection.run('CHECKPOINT');
    await this.connection.run(
      'CREATE OR REPLACE TEMP TABLE staging_events AS SELECT * FROM events LIMIT 0',
    );
  }

  async #insertResource(resource: ResourceRow): Promise<void> {
    const names = [...resource.columns.keys()];
    const fixed = [
      'resource_id',
      'service',
      'attributes_json',
      'scope_name',
      'scope_version',
      'scope_attributes_json',
      'schema_url',
    ];
    const columns = [...fixed, ...names.map(quoteIdentifier)];
    const values = [
      resource.resourceId,
      resource.service,
      resource.attributesJson,
      resource.scopeName,
      resource.scopeVersion,
      resource.scopeAttributesJson,
      resource.schemaUrl,
      ...names.map((name) => resource.columns.get(name)),
    ];
    const placeholders = values.map((_, i) => `$${i + 1}`).join(', ');
    await this.connection.run(
      `INSERT INTO resources (${columns.join(', ')})
       SELECT ${placeholders}
       WHERE NOT EXISTS (SELECT 1 FROM resources WHERE resource_id = $1)`,
      values as never,
    );
  }

  async #insertEntry(entry: CatalogEntry): Promise<void> {
    await this.connection.run('INSERT INTO dataset_columns VALUES ($1, $2, $3, $4, $5)', [
      entry.dataset,
      entry.keyName,
      entry.type,
      entry.table,
      BigInt(Date.now()),
    ] as never);
  }
}

function countRows(batch: TelemetryBatch): number {
  let rows = 0;
  for (const group of batch.spanGroups) rows += group.spans.length;
  for (const group of batch.logGroups) rows += group.logs.length;
  for (const group of batch.eventGroups ?? []) rows += group.events.length;
  return rows;
}
