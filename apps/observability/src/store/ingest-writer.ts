import type { DuckDBConnection } from '@duckdb/node-api';
import type { TelemetryBatch } from '../model/telemetry-batch.js';
import type { CatalogEntry, ColumnCatalog } from './column-catalog.js';
import { type AppendColumn, appendColumn, appendColumns } from './columnar-append.js';
import { EventRows, type ResourceRow } from './event-rows.js';
import { KeySet, type RecentKeys } from './recent-keys.js';
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

const EVENTS = { name: 'events' };
/** The keys of one turn's rows, staged to find re-delivered ones with one join. */
export const TURN_KEYS_DDL =
  'CREATE TEMP TABLE turn_keys (row_index UINTEGER, event_id UBIGINT, trace_id UHUGEINT)';
const TURN_KEYS = { name: 'turn_keys', schema: 'main', catalog: 'temp' };
const TURN_KEY_LAYOUT = ['UINTEGER', 'UBIGINT', 'UHUGEINT'].map(appendColumn);
const CHECKPOINT_ATTEMPTS = 5;
const CHECKPOINT_RETRY_MS = 20;
/** Margin around a commit's time range when looking for re-delivered rows: X-Ray times are µs. */
const DEDUPE_MARGIN_NANOS = 1_000_000_000n;

/**
 * The only writer. Requests queue here; each turn of the loop takes everything waiting (up to
 * `maxCommitRows`) and, in a single transaction, appends its rows to `events` in data chunks,
 * leaving out rows already stored. Every request of a turn is answered after COMMIT,
 * so a 2xx always means durable, and a failed turn stores none of its requests.
 */
export class IngestWriter {
  readonly #queue: Waiting[] = [];
  readonly #knownResources = new Set<bigint>();
  readonly #recent: RecentKeys;
  #pendingRows = 0;
  #draining = false;
  #checkpointOwed = false;
  #idle: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly catalog: ColumnCatalog,
    private readonly options: IngestWriterOptions,
    knownResources: Iterable<bigint>,
    recent: RecentKeys,
  ) {
    this.#recent = recent;
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
    const layout: AppendColumn[] = [
      ...EVENT_COLUMNS.map(([, sqlType]) => appendColumn(sqlType)),
      ...dynamic.map(([, type]) => appendColumn(SQL_TYPE[type])),
    ];
    const newResources = [...rows.resources.values()].filter(
      (r) => !this.#knownResources.has(r.resourceId),
    );
    let skip: Set<number>;
    await this.connection.run('BEGIN TRANSACTION');
    try {
      skip = await this.#duplicates(rows);
      const columns = rows.columnsInOrder(
        dynamic.map(([name]) => name),
        skip,
      );
      await appendColumns(this.connection, EVENTS, layout, columns, rows.rowCount - skip.size);
      for (const resource of newResources) await this.#insertResource(resource);
      for (const entry of entries) await this.#insertEntry(entry);
      await this.connection.run('COMMIT');
    } catch (error) {
      // A failed COMMIT has already rolled back; the caller must see the first error either way.
      await this.connection.run('ROLLBACK').catch(() => undefined);
      this.catalog.forgetEntries(entries);
      throw error;
    }
    for (const resource of newResources) this.#knownResources.add(resource.resourceId);
    this.#remember(rows, skip);
  }

  /** Keeps the keys of the rows just committed, for the next turns' duplicate check. */
  #remember(rows: EventRows, skip: ReadonlySet<number>): void {
    const eventIds = rows.fixed.get('event_id')!;
    const traceIds = rows.fixed.get('trace_id')!;
    const times = rows.fixed.get('time_unix_nano') as bigint[];
    for (let i = 0; i < rows.rowCount; i++) {
      if (!skip.has(i)) this.#recent.add(eventIds[i], traceIds[i] ?? null, times[i]!);
    }
  }

  /**
   * Rows of this turn that are already stored, or repeat an earlier row of the turn: same
   * `event_id` and `trace_id`. Recent rows are checked against the keys kept in memory; only rows
   * older than those reach back (re-delivery after a restart, late data) are looked up in DuckDB.
   */
  async #duplicates(rows: EventRows): Promise<Set<number>> {
    const eventIds = rows.fixed.get('event_id')!;
    const traceIds = rows.fixed.get('trace_id')!;
    const times = rows.fixed.get('time_unix_nano') as bigint[];
    const skip = new Set<number>();
    const turn = new KeySet();
    const older: number[] = [];
    for (let i = 0; i < rows.rowCount; i++) {
      const eventId = eventIds[i];
      const traceId = traceIds[i] ?? null;
      if (turn.has(eventId, traceId)) {
        skip.add(i);
        continue;
      }
      turn.add(eventId, traceId, times[i]!);
      if (!this.#recent.covers(times[i]! - DEDUPE_MARGIN_NANOS)) older.push(i);
      else if (this.#recent.has(eventId, traceId)) skip.add(i);
    }
    if (older.length > 0) {
      for (const row of await this.#storedAmong(older, eventIds, traceIds, times)) skip.add(row);
    }
    return skip;
  }

  /**
   * Which of the given rows are already stored. Only the keys are staged and joined, and only
   * against the rows' time range, which DuckDB answers from the row groups' min/max.
   */
  async #storedAmong(
    indexes: readonly number[],
    eventIds: readonly unknown[],
    traceIds: readonly unknown[],
    times: readonly bigint[],
  ): Promise<number[]> {
    let min = times[indexes[0]!]!;
    let max = min;
    for (const i of indexes) {
      if (times[i]! < min) min = times[i]!;
      if (times[i]! > max) max = times[i]!;
    }
    await this.connection.run('DELETE FROM temp.main.turn_keys');
    await appendColumns(
      this.connection,
      TURN_KEYS,
      TURN_KEY_LAYOUT,
      [indexes, indexes.map((i) => eventIds[i]), indexes.map((i) => traceIds[i])],
      indexes.length,
    );
    const stored = await this.connection.runAndReadAll(
      `SELECT k.row_index FROM temp.main.turn_keys k
       JOIN events x ON x.event_id = k.event_id AND x.trace_id IS NOT DISTINCT FROM k.trace_id
       WHERE x.time_unix_nano BETWEEN $1 AND $2`,
      [min - DEDUPE_MARGIN_NANOS, max + DEDUPE_MARGIN_NANOS],
    );
    return stored.getRows().map(([row]) => Number(row));
  }

  /**
   * New typed columns, added in one transaction and checkpointed at once: DuckDB has failed to
   * replay a WAL holding ALTER TABLE after a crash, so schema changes never wait in the WAL.
   */
  async #addPendingColumns(): Promise<void> {
    const columns = this.catalog.drainPendingColumns();
    if (columns.length > 0) {
      await this.connection.run('BEGIN TRANSACTION');
      try {
        for (const column of columns) {
          const definition = `${quoteIdentifier(column.name)} ${SQL_TYPE[column.type]}`;
          await this.connection.run(`ALTER TABLE ${column.table} ADD COLUMN ${definition}`);
        }
        await this.connection.run('COMMIT');
      } catch (error) {
        await this.connection.run('ROLLBACK').catch(() => undefined);
        this.catalog.forgetColumns(columns);
        throw error;
      }
      this.#checkpointOwed = true;
    }
    if (this.#checkpointOwed) await this.#checkpoint();
  }

  /**
   * DuckDB refuses CHECKPOINT while another connection writes (a query saving its spec); the
   * schema change is committed either way, so the checkpoint is retried a few times now and
   * then before every later turn until it succeeds, never failing the requests over it.
   */
  async #checkpoint(): Promise<void> {
    for (let attempt = 0; attempt < CHECKPOINT_ATTEMPTS; attempt++) {
      try {
        await this.connection.run('CHECKPOINT');
        this.#checkpointOwed = false;
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_RETRY_MS));
      }
    }
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
