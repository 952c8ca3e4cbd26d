import type { DuckDBConnection } from '@duckdb/node-api';
import type { TelemetryBatch } from '../model/telemetry-batch.js';
import type { CatalogEntry, ColumnCatalog } from './column-catalog.js';
import { columnOfValues } from './columns/column.js';
import { type AppendColumn, appendColumn } from './columns/column-layout.js';
import { insertRows } from './columns/insert-rows.js';
import { EventRows } from './event-rows.js';
import { KeyTable } from './key-table.js';
import type { RecentKeys } from './recent-keys.js';
import type { ResourceRow } from './resource-row.js';
import { RowBlock } from './row-block.js';
import { RowKey } from './row-key.js';
import {
  FIXED_SQL_TYPE,
  quoteIdentifier,
  SQL_TYPE,
  STORED_COLUMNS,
  type StoredTable,
} from './schema.js';
import { StoreClosedError, StoreOverloadedError } from './store-errors.js';

export interface IngestWriterOptions {
  /** Rows accepted but not yet committed before new requests are refused with 503. */
  readonly maxPendingRows: number;
  /** Rows folded into one commit at most. */
  readonly maxCommitRows: number;
}

/** How well requests are grouped: each commit answers `requests / commits` of them on average. */
export interface IngestStats {
  readonly commits: number;
  readonly requests: number;
}

interface Waiting {
  readonly block: RowBlock;
  readonly rows: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** The keys of one turn's rows, staged to find re-delivered ones with one join. */
export const TURN_KEYS_DDL =
  'CREATE TEMP TABLE turn_keys (row_index UINTEGER, event_id UBIGINT, trace_id UHUGEINT)';
const TURN_KEYS = { name: 'turn_keys', schema: 'main', catalog: 'temp' };
const TURN_KEY_LAYOUT = ['UINTEGER', 'UBIGINT', 'UHUGEINT'].map(appendColumn);
/**
 * A turn waiting for expected requests stops when none has arrived for this long, or after
 * LINGER_MAX_MS in all. The wait is mostly the server reading and decoding the requests that are
 * coming (a 512-span request takes 1 to 2 ms on one core), so it costs latency, not CPU.
 */
const ARRIVAL_GAP_MS = 10;
const LINGER_MAX_MS = 100;
/**
 * A drain that starts within this of the last turn's end expects that turn's senders back: they
 * were just answered and are sending again. Later than this, the server was idle and nobody is
 * waited for.
 */
const SENDERS_RETURN_MS = 50;
const MAX_POOLED_BLOCKS = 32;
const CHECKPOINT_ATTEMPTS = 5;
const CHECKPOINT_RETRY_MS = 20;
/** Margin around a commit's time range when looking for re-delivered rows: X-Ray times are µs. */
const DEDUPE_MARGIN_NANOS = 1_000_000_000n;

/**
 * The only writer. Requests queue here; each turn of the loop takes everything waiting (up to
 * `maxCommitRows`) and, in a single transaction, inserts its rows into `spans` and `logs`,
 * leaving out rows already stored. Every request of a turn is answered after COMMIT,
 * so a 2xx always means durable, and a failed turn stores none of its requests.
 */
export class IngestWriter {
  readonly #queue: Waiting[] = [];
  readonly #knownResources = new Set<bigint>();
  readonly #recent: RecentKeys;
  #pendingRows = 0;
  #draining = false;
  /** Requests the next turn expects, and when the last turn ended (see `#drain`). */
  #expected = 0;
  #lastTurnEndedAt = Number.NEGATIVE_INFINITY;
  #commits = 0;
  #requests = 0;
  #checkpointOwed = false;
  #idle: Promise<void> = Promise.resolve();
  #closed = false;
  readonly #pool: RowBlock[] = [];
  /** Set while a turn lingers for more requests (see `#gather`). */
  #gathered: (() => void) | undefined;

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

  /**
   * Queues a batch's rows. They are laid out in columns at once, so what waits for the commit
   * is a few typed arrays rather than the batch's objects.
   */
  submit(batch: TelemetryBatch): Promise<void> {
    try {
      return this.submitBuilt((block) => new EventRows(this.catalog, block).add(batch)).stored;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Lets `build` write rows into a block (OTLP protobuf spans are decoded straight into one) and
   * queues them. What the build asked of the catalog is undone when it throws or the rows are
   * refused, so a refused request leaves no column or dataset entry behind. Throws what the
   * build throws.
   */
  submitBuilt<R>(build: (block: RowBlock) => R): { built: R; stored: Promise<void> } {
    if (this.#closed) throw new StoreClosedError();
    const mark = this.catalog.mark();
    const block = this.#pool.pop() ?? new RowBlock();
    let built: R;
    try {
      built = build(block);
    } catch (error) {
      this.catalog.undo(mark);
      this.#recycle([block]);
      throw error;
    }
    const rows = block.rowCount;
    if (rows === 0) {
      this.#recycle([block]);
      return { built, stored: Promise.resolve() };
    }
    if (this.#pendingRows > 0 && this.#pendingRows + rows > this.options.maxPendingRows) {
      this.catalog.undo(mark);
      this.#recycle([block]);
      return { built, stored: Promise.reject(new StoreOverloadedError(1)) };
    }
    this.#pendingRows += rows;
    const stored = new Promise<void>((resolve, reject) => {
      this.#queue.push({ block, rows, resolve, reject });
      this.#gathered?.();
      if (!this.#draining) {
        this.#draining = true;
        this.#idle = this.#drain();
      }
    });
    return { built, stored };
  }

  /** Committed turns and the requests they answered, since the store opened. */
  stats(): IngestStats {
    return { commits: this.#commits, requests: this.#requests };
  }

  /** Resolves when everything accepted so far is committed; later submissions are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#idle;
  }

  /** Runs while work is queued; the flag drops in the same tick the queue is seen empty. */
  async #drain(): Promise<void> {
    try {
      // The senders a turn just answered are on their way back; expecting nobody would commit
      // the first of them alone, and turns would alternate one request and the rest.
      if (performance.now() - this.#lastTurnEndedAt > SENDERS_RETURN_MS) this.#expected = 0;
      while (this.#queue.length > 0) {
        await this.#gather(this.#expected);
        const turn = this.#takeTurn();
        try {
          await this.#commit(turn);
          this.#commits++;
          this.#requests += turn.length;
          for (const waiting of turn) waiting.resolve();
        } catch (error) {
          for (const waiting of turn) waiting.reject(error);
        } finally {
          for (const waiting of turn) this.#pendingRows -= waiting.rows;
          this.#recycle(turn.map((waiting) => waiting.block));
        }
        // The senders just answered usually send again at once: expect them next turn too.
        this.#expected = turn.length + this.#queue.length;
        this.#lastTurnEndedAt = performance.now();
      }
    } finally {
      this.#draining = false;
    }
  }

  /**
   * Group commit with a short linger, as databases delay a commit while others are about to
   * join it: when some requests wait but fewer than the last turn's senders plus those, the
   * next turn waits while the rest keep arriving (see ARRIVAL_GAP_MS). A COMMIT costs per call
   * as well as per row, and on a busy core turns otherwise split senders into alternating groups.
   */
  async #gather(expected: number): Promise<void> {
    const enough = () =>
      this.#queue.length >= expected || this.#queuedRows() >= this.options.maxCommitRows;
    if (enough()) return;
    await new Promise<void>((resolve) => {
      const deadline = setTimeout(done, LINGER_MAX_MS);
      let quiet = setTimeout(done, ARRIVAL_GAP_MS);
      this.#gathered = () => {
        if (enough()) return done();
        clearTimeout(quiet);
        quiet = setTimeout(done, ARRIVAL_GAP_MS);
      };
      function done(): void {
        clearTimeout(deadline);
        clearTimeout(quiet);
        resolve();
      }
    });
    this.#gathered = undefined;
  }

  /** Keeps emptied blocks for the next requests: their typed arrays are most of a request's garbage. */
  #recycle(blocks: readonly RowBlock[]): void {
    for (const block of blocks) {
      if (this.#pool.length >= MAX_POOLED_BLOCKS || block.oversized) continue;
      block.reset();
      this.#pool.push(block);
    }
  }

  #queuedRows(): number {
    let rows = 0;
    for (const waiting of this.#queue) rows += waiting.rows;
    return rows;
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
    const blocks = turn.map((waiting) => waiting.block);
    await this.#addPendingColumns();
    const entries = this.catalog.drainPendingEntries();
    const newResources = new Map<bigint, ResourceRow>();
    for (const block of blocks) {
      for (const [id, resource] of block.resources) {
        if (!this.#knownResources.has(id)) newResources.set(id, resource);
      }
    }
    let kept: RowBlock[];
    await this.connection.run('BEGIN TRANSACTION');
    try {
      const skips = await this.#duplicates(blocks);
      const parts = blocks.flatMap((block, i) => block.byTable(skips[i]));
      kept = parts.map(([, block]) => block);
      for (const table of ['spans', 'logs'] as const) {
        const rows = parts.filter(([stored]) => stored === table).map(([, block]) => block);
        if (rows.length > 0) await this.#insert(table, rows);
      }
      for (const resource of newResources.values()) await this.#insertResource(resource);
      for (const entry of entries) await this.#insertEntry(entry);
      await this.connection.run('COMMIT');
    } catch (error) {
      // A failed COMMIT has already rolled back; the caller must see the first error either way.
      await this.connection.run('ROLLBACK').catch(() => undefined);
      this.catalog.forgetEntries(entries);
      throw error;
    }
    for (const id of newResources.keys()) this.#knownResources.add(id);
    this.#remember(kept);
  }

  /** Inserts blocks whose rows all belong to `table`, into every column it has now. */
  async #insert(table: StoredTable, blocks: readonly RowBlock[]): Promise<void> {
    const existing = this.catalog.existingColumns(table);
    const dynamic = existing.map(([name]) => name);
    const layout: AppendColumn[] = [
      ...STORED_COLUMNS[table].map((name) => appendColumn(FIXED_SQL_TYPE.get(name)!)),
      ...existing.map(([, type]) => appendColumn(SQL_TYPE[type])),
    ];
    const sources = blocks.map((block) => ({
      rowCount: block.rowCount,
      columns: block.columnsFor(table, dynamic),
    }));
    await insertRows(this.connection, { name: table }, layout, sources);
  }

  /** Keeps the keys of the rows just committed, for the next turns' duplicate check. */
  #remember(blocks: readonly RowBlock[]): void {
    const key = new RowKey();
    for (const block of blocks) {
      key.over(block);
      for (let row = 0; row < block.rowCount; row++) this.#recent.add(key.load(row));
    }
  }

  /**
   * Per block, the rows that are already stored or repeat an earlier row of the turn (same
   * `event_id` and `trace_id`), marked 1; undefined for a block with none. Recent rows are
   * checked against the keys kept in memory; only rows older than those reach back
   * (re-delivery after a restart, late data) are looked up in DuckDB.
   */
  async #duplicates(blocks: readonly RowBlock[]): Promise<(Uint8Array | undefined)[]> {
    const skips: (Uint8Array | undefined)[] = blocks.map(() => undefined);
    const skip = (b: number, row: number): void => {
      skips[b] ??= new Uint8Array(blocks[b]!.rowCount);
      skips[b]![row] = 1;
    };
    const turn = new KeyTable(blocks.reduce((sum, block) => sum + block.rowCount, 0));
    const older: { block: number; row: number; key: RowKey }[] = [];
    const key = new RowKey();
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b]!;
      key.over(block);
      const covered = this.#recent.covers(earliestTime(block) - DEDUPE_MARGIN_NANOS);
      for (let row = 0; row < block.rowCount; row++) {
        key.load(row);
        if (turn.has(key)) {
          skip(b, row);
          continue;
        }
        turn.add(key);
        if (covered || this.#recent.covers(key.time - DEDUPE_MARGIN_NANOS)) {
          if (this.#recent.has(key)) skip(b, row);
        } else older.push({ block: b, row, key: RowKey.of(key.eventId, key.traceId, key.time) });
      }
    }
    if (older.length > 0) {
      for (const index of await this.#storedAmong(older.map((o) => o.key))) {
        skip(older[index]!.block, older[index]!.row);
      }
    }
    return skips;
  }

  /**
   * Which of the given keys are already stored, by index. Only the keys are staged and joined,
   * and only against their time range, which DuckDB answers from the row groups' min/max.
   */
  async #storedAmong(keys: readonly RowKey[]): Promise<number[]> {
    let min = keys[0]!.time;
    let max = min;
    for (const key of keys) {
      if (key.time < min) min = key.time;
      if (key.time > max) max = key.time;
    }
    await this.connection.run('DELETE FROM temp.main.turn_keys');
    const columns = [
      keys.map((_, i) => i),
      keys.map((key) => key.eventId),
      keys.map((key) => key.traceId),
    ].map((values, i) => columnOfValues(TURN_KEY_LAYOUT[i]!.layout, values));
    await insertRows(this.connection, TURN_KEYS, TURN_KEY_LAYOUT, [
      { rowCount: keys.length, columns },
    ]);
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

/** The earliest row time of a block, read from the words of its time column. */
function earliestTime(block: RowBlock): bigint {
  const words = block.fixedColumn('time_unix_nano').u32;
  let hi = 0x7fffffff;
  let lo = 0xffffffff;
  for (let row = 0; row < block.rowCount; row++) {
    // Times are signed: the high word compares as int32, the low one unsigned.
    const rowHi = words[row * 2 + 1]! | 0;
    const rowLo = words[row * 2]!;
    if (rowHi < hi || (rowHi === hi && rowLo < lo)) {
      hi = rowHi;
      lo = rowLo;
    }
  }
  return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
}
