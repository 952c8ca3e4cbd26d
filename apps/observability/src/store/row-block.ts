import type { ColumnType } from '../model/attributes.js';
import { ByteArena } from './columns/byte-arena.js';
import { type Column, copyRow, newColumn } from './columns/column.js';
import { appendColumn, type ColumnLayout } from './columns/column-layout.js';
import type { FixedColumn } from './columns/fixed-column.js';
import type { TextColumn } from './columns/text-column.js';
import type { ResourceRow } from './resource-row.js';
import {
  EVENT_COLUMNS,
  type EventColumn,
  SIGNAL,
  SQL_TYPE,
  STORED_COLUMNS,
  type StoredTable,
} from './schema.js';

/** Index of each fixed column of `events`, in view order. */
export const COLUMN = Object.fromEntries(EVENT_COLUMNS.map(([name], i) => [name, i])) as Record<
  EventColumn,
  number
>;
/** Which of a block's fixed columns each stored table takes, in its order. */
const STORED_INDEXES: Record<StoredTable, readonly number[]> = {
  spans: STORED_COLUMNS.spans.map((name) => COLUMN[name]),
  logs: STORED_COLUMNS.logs.map((name) => COLUMN[name]),
};
/** The vector layout of each attribute column type. */
export const ATTRIBUTE_LAYOUT = Object.fromEntries(
  Object.entries(SQL_TYPE).map(([type, sqlType]) => [type, appendColumn(sqlType).layout]),
) as Record<ColumnType, ColumnLayout>;
/** Blocks larger than these are dropped after use rather than kept for the next request. */
const MAX_REUSED_ROWS = 16_384;
const MAX_REUSED_BYTES = 8 << 20;
const FIXED_LAYOUTS: readonly ColumnLayout[] = EVENT_COLUMNS.map(
  ([, sqlType]) => appendColumn(sqlType).layout,
);

/**
 * Rows of the events view as one request produced them, column by column in DuckDB's vector
 * layout: the fixed columns, the typed attribute columns by physical name, and the resources
 * the rows point to. Built when a request arrives, so what waits for the commit is a few typed
 * arrays per request rather than objects per span and attribute.
 */
export class RowBlock {
  rowCount = 0;
  readonly fixed: Column[];
  readonly attributes = new Map<string, Column>();
  readonly resources = new Map<bigint, ResourceRow>();
  readonly arena: ByteArena;
  readonly #rows: number | undefined;

  /** `rows` and `textBytes` are sizes to expect, so columns rarely grow. */
  constructor(rows?: number, textBytes?: number) {
    this.#rows = rows;
    this.arena = new ByteArena(textBytes);
    this.fixed = FIXED_LAYOUTS.map((layout) => newColumn(layout, rows, this.arena));
  }

  fixedColumn(name: EventColumn): FixedColumn {
    return this.fixed[COLUMN[name]] as FixedColumn;
  }

  textColumn(name: EventColumn): TextColumn {
    return this.fixed[COLUMN[name]] as TextColumn;
  }

  /** The typed attribute column with this physical name, created empty (all NULL) if new. */
  attributeColumn(name: string, layout: ColumnLayout): Column {
    let column = this.attributes.get(name);
    if (column === undefined) {
      column = newColumn(layout, this.#rows, this.arena);
      this.attributes.set(name, column);
    }
    return column;
  }

  /** Empties the block for reuse, keeping its columns' memory. */
  reset(): void {
    this.rowCount = 0;
    this.arena.used = 0;
    this.resources.clear();
    for (const column of this.fixed) column.reset();
    for (const column of this.attributes.values()) column.reset();
  }

  /** Whether the block holds so much memory that it should not be kept for reuse. */
  get oversized(): boolean {
    return this.fixed[0]!.capacity > MAX_REUSED_ROWS || this.arena.bytes.length > MAX_REUSED_BYTES;
  }

  /** Ends the row being written (at index `rowCount`). */
  endRow(): void {
    this.rowCount++;
  }

  /** Forgets whatever was written for the row being written. */
  discardRow(): void {
    const row = this.rowCount;
    for (const column of this.fixed) column.clear(row);
    for (const column of this.attributes.values()) column.clear(row);
  }

  /**
   * The columns of a stored table, in its order, with these attribute columns; throws if the
   * block holds a column the table lacks (its ALTER TABLE failed after the block was built), so no
   * value is lost silently. Every row must belong to that table (see `byTable`).
   */
  columnsFor(table: StoredTable, attributeNames: readonly string[]): (Column | undefined)[] {
    const names = new Set(attributeNames);
    for (const [name, column] of this.attributes) {
      if (names.has(name)) continue;
      for (let row = 0; row < this.rowCount; row++) {
        if (column.isSet(row)) throw new Error(`attribute column ${name} is not in the table`);
      }
    }
    return [
      ...STORED_INDEXES[table].map((index) => this.fixed[index]),
      ...attributeNames.map((name) => this.attributes.get(name)),
    ];
  }

  /**
   * The rows by the table they are stored in, leaving out those whose `skip` byte is 1. A request
   * brings one kind of row but a Honeycomb batch may mix spans and plain events; only then, or
   * when rows are skipped, are rows copied.
   */
  byTable(skip?: Uint8Array): [StoredTable, RowBlock][] {
    const signals = this.fixedColumn('signal').u8;
    let spans = 0;
    for (let row = 0; row < this.rowCount; row++) if (signals[row] === SIGNAL.span) spans++;
    const whole: StoredTable | undefined =
      spans === this.rowCount ? 'spans' : spans === 0 ? 'logs' : undefined;
    if (whole !== undefined) return [[whole, skip === undefined ? this : this.without(skip)]];
    const leaveOut = (table: StoredTable) => {
      const mask = new Uint8Array(this.rowCount);
      for (let row = 0; row < this.rowCount; row++) {
        const other = (signals[row] === SIGNAL.span) !== (table === 'spans');
        mask[row] = other || skip?.[row] === 1 ? 1 : 0;
      }
      return mask;
    };
    return [
      ['spans', this.without(leaveOut('spans'))],
      ['logs', this.without(leaveOut('logs'))],
    ];
  }

  /** A copy without the rows whose `skip` byte is 1 (re-delivered rows, which are rare). */
  without(skip: Uint8Array): RowBlock {
    const kept = new RowBlock(this.rowCount);
    for (const [id, resource] of this.resources) kept.resources.set(id, resource);
    const pairs: [Column, Column][] = this.fixed.map((column, i) => [column, kept.fixed[i]!]);
    for (const [name, column] of this.attributes) {
      pairs.push([column, kept.attributeColumn(name, column.layout)]);
    }
    for (let row = 0; row < this.rowCount; row++) {
      if (skip[row] === 1) continue;
      for (const [source, target] of pairs) copyRow(target, source, row, kept.rowCount);
      kept.endRow();
    }
    return kept;
  }
}
