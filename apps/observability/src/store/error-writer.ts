import type { DuckDBConnection } from '@duckdb/node-api';
import type { ErrorItemStatus, ErrorLevel, ErrorOccurrence } from '../model/error-occurrence.js';
import { columnOfValues } from './columns/column.js';
import { appendColumn } from './columns/column-layout.js';
import { insertRows } from './columns/insert-rows.js';
import { OCCURRENCE_COLUMNS } from './error-schema.js';
import { type ItemTally, itemKey, occurrenceColumns, tally } from './error-turn-rows.js';
import { StoreClosedError, StoreOverloadedError } from './store-errors.js';

export interface ErrorWriterOptions {
  /** Accepted but uncommitted occurrences (or their bytes) past which reports are refused. */
  readonly maxPendingOccurrences: number;
  readonly maxPendingBytes: number;
  /** Occurrences folded into one commit at most. */
  readonly maxCommitOccurrences: number;
}

export interface StoredOccurrence {
  readonly uuid: string;
  /** A report with this uuid was stored before: nothing changed. */
  readonly duplicate: boolean;
}

/** What a person may change on an item. */
export interface ErrorItemPatch {
  readonly status?: ErrorItemStatus;
  readonly resolvedInVersion?: string;
  readonly title?: string;
  readonly level?: ErrorLevel;
}

type Waiting =
  | {
      readonly kind: 'occurrence';
      readonly occurrence: ErrorOccurrence;
      readonly receivedMs: number;
      readonly bytes: number;
      readonly resolve: (stored: StoredOccurrence) => void;
      readonly reject: (error: unknown) => void;
    }
  | {
      readonly kind: 'patch';
      readonly itemId: number;
      readonly patch: ErrorItemPatch;
      readonly nowMs: number;
      readonly resolve: (found: boolean) => void;
      readonly reject: (error: unknown) => void;
    };
type WaitingOccurrence = Extract<Waiting, { kind: 'occurrence' }>;

const OCCURRENCES = { name: 'error_occurrences' };
const OCCURRENCE_TYPES = OCCURRENCE_COLUMNS.map(([, type]) => appendColumn(type));

/**
 * The only writer of `error_items` and `error_occurrences`. Reports queue here; each turn takes
 * every report waiting and, in one transaction, appends the occurrences (skipping uuids already
 * stored) and moves each touched item's counters, times and status once. Every report of a turn
 * is answered after COMMIT, so one hot fingerprint costs one commit per turn, not per report.
 * Item changes (PATCH) take their own turns through the same queue, so the two never interleave.
 */
export class ErrorWriter {
  readonly #queue: Waiting[] = [];
  /** `environment NUL fingerprint` → item id, for every committed item. */
  readonly #items: Map<string, number>;
  #nextItemId: number;
  #nextOccurrenceId: number;
  #pendingOccurrences = 0;
  #pendingBytes = 0;
  #draining = false;
  #idle: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly options: ErrorWriterOptions,
    state: { items: Map<string, number>; maxItemId: number; maxOccurrenceId: number },
  ) {
    this.#items = state.items;
    this.#nextItemId = state.maxItemId + 1;
    this.#nextOccurrenceId = state.maxOccurrenceId + 1;
  }

  /** Resolves once the occurrence (and its item's counters) are committed. */
  record(occurrence: ErrorOccurrence, receivedMs: number): Promise<StoredOccurrence> {
    if (this.#closed) return Promise.reject(new StoreClosedError());
    const bytes = occurrence.dataJson.length;
    const busy =
      this.#pendingOccurrences >= this.options.maxPendingOccurrences ||
      (this.#pendingBytes > 0 && this.#pendingBytes + bytes > this.options.maxPendingBytes);
    if (busy) return Promise.reject(new StoreOverloadedError(1));
    this.#pendingOccurrences++;
    this.#pendingBytes += bytes;
    return new Promise((resolve, reject) =>
      this.#enqueue({ kind: 'occurrence', occurrence, receivedMs, bytes, resolve, reject }),
    );
  }

  /** Applies a change to an item; false when there is no such item. */
  patch(itemId: number, patch: ErrorItemPatch, nowMs: number): Promise<boolean> {
    if (this.#closed) return Promise.reject(new StoreClosedError());
    return new Promise((resolve, reject) =>
      this.#enqueue({ kind: 'patch', itemId, patch, nowMs, resolve, reject }),
    );
  }

  /** Resolves when everything accepted so far is committed; later work is refused. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#idle;
  }

  #enqueue(waiting: Waiting): void {
    this.#queue.push(waiting);
    if (!this.#draining) {
      this.#draining = true;
      this.#idle = this.#drain();
    }
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const head = this.#queue[0]!;
        if (head.kind === 'patch') {
          this.#queue.shift();
          await this.#applyPatch(head).then(head.resolve, head.reject);
          continue;
        }
        const turn = this.#takeOccurrences();
        try {
          const stored = await this.#commitOccurrences(turn);
          for (let i = 0; i < turn.length; i++) turn[i]!.resolve(stored[i]!);
        } catch (error) {
          for (const waiting of turn) waiting.reject(error);
        } finally {
          for (const waiting of turn) {
            this.#pendingOccurrences--;
            this.#pendingBytes -= waiting.bytes;
          }
        }
      }
    } finally {
      this.#draining = false;
    }
  }

  #takeOccurrences(): WaitingOccurrence[] {
    const turn: WaitingOccurrence[] = [];
    while (turn.length < this.options.maxCommitOccurrences) {
      const next = this.#queue[0];
      if (next?.kind !== 'occurrence') break;
      turn.push(next);
      this.#queue.shift();
    }
    return turn;
  }

  /**
   * Stores a turn. Re-delivery is rare, so the turn is appended straight away and the uuid
   * primary key catches a repeat; only then are the turn's uuids looked up and the turn stored
   * again without them. Repeats within the turn are dropped before either.
   */
  async #commitOccurrences(turn: readonly WaitingOccurrence[]): Promise<StoredOccurrence[]> {
    const firstId = this.#nextOccurrenceId;
    this.#nextOccurrenceId += turn.length;
    const seen = new Set<string>();
    let keep = turn.map(
      ({ occurrence }) => !seen.has(occurrence.uuid) && !!seen.add(occurrence.uuid),
    );
    try {
      await this.#storeTurn(turn, firstId, keep);
    } catch (error) {
      if (!isConstraintViolation(error)) throw error;
      const known = await this.#storedUuids(turn);
      keep = keep.map((kept, i) => kept && !known.has(turn[i]!.occurrence.uuid));
      await this.#storeTurn(turn, firstId, keep);
    }
    return turn.map(({ occurrence }, i) => ({ uuid: occurrence.uuid, duplicate: !keep[i] }));
  }

  async #storeTurn(
    turn: readonly WaitingOccurrence[],
    firstId: number,
    keep: readonly boolean[],
  ): Promise<void> {
    const created = new Map<string, number>();
    const itemIds = turn.map(({ occurrence }) => {
      const key = itemKey(occurrence);
      let id = this.#items.get(key) ?? created.get(key);
      if (id === undefined) {
        id = this.#nextItemId++;
        created.set(key, id);
      }
      return id;
    });
    const kept = turn.flatMap((_, i) => (keep[i] ? [i] : []));
    const tallies = tally(turn, itemIds, new Set(kept));
    const columns = occurrenceColumns(turn, firstId, itemIds, kept);
    await this.#execute('BEGIN TRANSACTION');
    try {
      await insertRows(this.connection, OCCURRENCES, OCCURRENCE_TYPES, [
        {
          rowCount: kept.length,
          columns: columns.map((values, i) => columnOfValues(OCCURRENCE_TYPES[i]!.layout, values)),
        },
      ]);
      const createdIds = new Set(created.values());
      for (const [itemId, counts] of tallies) {
        if (createdIds.has(itemId)) await this.#insertItem(itemId, counts, turn, firstId);
        else await this.#updateItem(itemId, counts, turn, firstId);
      }
      await this.#execute('COMMIT');
    } catch (error) {
      // A failed COMMIT has already rolled back; the caller must see the first error either way.
      await this.connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
    for (const [key, id] of created) if (tallies.has(id)) this.#items.set(key, id);
  }

  /** Which of the turn's uuids are stored already: point lookups on the primary key. */
  async #storedUuids(turn: readonly WaitingOccurrence[]): Promise<Set<string>> {
    const known = new Set<string>();
    for (const { occurrence } of turn) {
      const rows = await this.connection.runAndReadAll(
        'SELECT 1 FROM error_occurrences WHERE uuid = $1',
        [occurrence.uuid],
      );
      if (rows.currentRowCount > 0) known.add(occurrence.uuid);
    }
    return known;
  }

  async #insertItem(
    itemId: number,
    counts: ItemTally,
    turn: readonly WaitingOccurrence[],
    firstId: number,
  ): Promise<void> {
    const first = turn[counts.first]!.occurrence;
    const latest = turn[counts.latest]!.occurrence;
    await this.#execute(
      `INSERT INTO error_items VALUES
       ($1, $2, $3, $4, $5, 'active', $6, $7, $8, $9, $10, $11, $12, $13, $14, NULL, NULL, NULL, NULL)`,
      [
        BigInt(itemId),
        first.environment,
        first.fingerprint,
        first.title,
        first.level,
        first.exceptionClass,
        first.framework,
        first.platform,
        first.language,
        BigInt(counts.count),
        BigInt(firstId + counts.earliest),
        BigInt(turn[counts.earliest]!.occurrence.timeMs),
        BigInt(firstId + counts.latest),
        BigInt(latest.timeMs),
      ],
    );
  }

  /** Counters move in SQL, so they stay right whatever else changed the row since it was read. */
  async #updateItem(
    itemId: number,
    counts: ItemTally,
    turn: readonly WaitingOccurrence[],
    firstId: number,
  ): Promise<void> {
    const latest = turn[counts.latest]!;
    await this.#execute(
      `UPDATE error_items SET
         total_occurrences = total_occurrences + $2,
         last_occurrence_id = CASE WHEN $3 >= last_occurrence_ms THEN $4 ELSE last_occurrence_id END,
         last_occurrence_ms = greatest(last_occurrence_ms, $3),
         first_occurrence_id = CASE WHEN $5 < first_occurrence_ms THEN $6 ELSE first_occurrence_id END,
         first_occurrence_ms = least(first_occurrence_ms, $5),
         status = CASE WHEN status = 'resolved' THEN 'active' ELSE status END,
         last_activated_ms = CASE WHEN status = 'resolved' THEN $7 ELSE last_activated_ms END,
         activating_occurrence_id = CASE WHEN status = 'resolved' THEN $8 ELSE activating_occurrence_id END
       WHERE id = $1`,
      [
        BigInt(itemId),
        BigInt(counts.count),
        BigInt(latest.occurrence.timeMs),
        BigInt(firstId + counts.latest),
        BigInt(turn[counts.earliest]!.occurrence.timeMs),
        BigInt(firstId + counts.earliest),
        BigInt(latest.receivedMs),
        BigInt(firstId + counts.first),
      ],
    );
  }

  async #execute(sql: string, values: readonly unknown[] = []): Promise<void> {
    await this.connection.run(sql, values as never);
  }

  async #applyPatch(waiting: Extract<Waiting, { kind: 'patch' }>): Promise<boolean> {
    const { patch, nowMs } = waiting;
    const sets: string[] = [];
    const params: unknown[] = [BigInt(waiting.itemId)];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (patch.title !== undefined) sets.push(`title = ${param(patch.title)}`);
    if (patch.level !== undefined) sets.push(`level = ${param(patch.level)}`);
    if (patch.status === 'resolved') {
      const now = param(BigInt(nowMs));
      sets.push(
        `last_resolved_ms = CASE WHEN status <> 'resolved' THEN ${now} ELSE last_resolved_ms END`,
        `resolved_in_version = ${param(patch.resolvedInVersion ?? null)}`,
      );
    } else if (patch.status === 'active') {
      const now = param(BigInt(nowMs));
      sets.push(
        `last_activated_ms = CASE WHEN status <> 'active' THEN ${now} ELSE last_activated_ms END`,
        'resolved_in_version = NULL',
      );
    }
    if (patch.status !== undefined) sets.push(`status = ${param(patch.status)}`);
    const sql =
      sets.length > 0
        ? `UPDATE error_items SET ${sets.join(', ')} WHERE id = $1 RETURNING id`
        : 'SELECT id FROM error_items WHERE id = $1';
    const rows = await this.connection.runAndReadAll(sql, params as never);
    return rows.currentRowCount > 0;
  }
}

/** DuckDB's duplicate-key failure, which leaves the transaction aborted. */
function isConstraintViolation(error: unknown): boolean {
  return /constraint|duplicate key|transaction is aborted/i.test(String(error));
}
