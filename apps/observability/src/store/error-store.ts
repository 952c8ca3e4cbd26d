import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { ErrorItemView, ErrorOccurrenceView } from '../contract/error-view.js';
import type { ErrorOccurrence } from '../model/error-occurrence.js';
import type { TraceId } from '../model/ids.js';
import {
  type ErrorItemListOptions,
  type ErrorItemPage,
  listErrorItems,
  type OccurrencePageOptions,
  readErrorItem,
  readItemOccurrences,
  readOccurrence,
  readTraceOccurrences,
} from './error-reader.js';
import { ERROR_ITEMS_DDL, ERROR_OCCURRENCES_DDL } from './error-schema.js';
import { itemKey } from './error-turn-rows.js';
import {
  type ErrorItemPatch,
  ErrorWriter,
  type ErrorWriterOptions,
  type StoredOccurrence,
} from './error-writer.js';
import type { SqlRunner } from './trace-reader.js';

const DEFAULT_WRITER_OPTIONS: ErrorWriterOptions = {
  maxPendingOccurrences: 20_000,
  maxPendingBytes: 256 * 1024 * 1024,
  maxCommitOccurrences: 2_000,
};

/**
 * Errors (Rollbar items and their occurrences) in the same DuckDB file as the events: written by
 * one `ErrorWriter` on its own connection, read on fresh connections like every other read.
 */
export class ErrorStore {
  readonly #run: SqlRunner;

  private constructor(
    private readonly connection: DuckDBConnection,
    private readonly writer: ErrorWriter,
    instance: DuckDBInstance,
  ) {
    this.#run = async (sql, params = []) => {
      const reader = await instance.connect();
      try {
        const result = await reader.runAndReadAll(sql, params as never);
        return result.getRowObjectsJS() as Record<string, unknown>[];
      } finally {
        reader.closeSync();
      }
    };
  }

  /** Creates the tables if needed and loads what the writer must know: item keys, next ids. */
  static async open(
    instance: DuckDBInstance,
    options: Partial<ErrorWriterOptions> = {},
  ): Promise<ErrorStore> {
    const connection = await instance.connect();
    await connection.run(ERROR_ITEMS_DDL);
    await connection.run(ERROR_OCCURRENCES_DDL);
    // Schema changes are checkpointed at once rather than left for WAL replay (see IngestWriter).
    await connection.run('CHECKPOINT');
    const items = new Map<string, number>();
    const rows = await connection.runAndReadAll(
      'SELECT environment, fingerprint, id FROM error_items',
    );
    let maxItemId = 0;
    for (const [environment, fingerprint, id] of rows.getRows()) {
      items.set(
        itemKey({ environment: String(environment), fingerprint: String(fingerprint) }),
        Number(id),
      );
      maxItemId = Math.max(maxItemId, Number(id));
    }
    const max = await connection.runAndReadAll(
      'SELECT coalesce(max(id), 0) FROM error_occurrences',
    );
    const writer = new ErrorWriter(
      connection,
      { ...DEFAULT_WRITER_OPTIONS, ...options },
      { items, maxItemId, maxOccurrenceId: Number(max.getRows()[0]?.[0] ?? 0) },
    );
    return new ErrorStore(connection, writer, instance);
  }

  /** Resolves once the occurrence is committed: only then may a receiver answer 2xx. */
  record(occurrence: ErrorOccurrence, receivedMs: number): Promise<StoredOccurrence> {
    return this.writer.record(occurrence, receivedMs);
  }

  /** Applies the change and reads the item back; undefined when there is no such item. */
  async updateItem(
    id: number,
    patch: ErrorItemPatch,
    nowMs: number,
  ): Promise<ErrorItemView | undefined> {
    const found = await this.writer.patch(id, patch, nowMs);
    return found ? readErrorItem(this.#run, id) : undefined;
  }

  listItems(options: ErrorItemListOptions = {}): Promise<ErrorItemPage> {
    return listErrorItems(this.#run, options);
  }

  item(id: number): Promise<ErrorItemView | undefined> {
    return readErrorItem(this.#run, id);
  }

  occurrences(itemId: number, options: OccurrencePageOptions = {}): Promise<ErrorOccurrenceView[]> {
    return readItemOccurrences(this.#run, itemId, options);
  }

  occurrence(
    by: { readonly id: number } | { readonly uuid: string },
  ): Promise<ErrorOccurrenceView | undefined> {
    return readOccurrence(this.#run, by);
  }

  traceOccurrences(traceId: TraceId): Promise<ErrorOccurrenceView[]> {
    return readTraceOccurrences(this.#run, traceId);
  }

  /** Commits what was accepted and releases the writer's connection. */
  async close(): Promise<void> {
    await this.writer.close();
    this.connection.closeSync();
  }
}
