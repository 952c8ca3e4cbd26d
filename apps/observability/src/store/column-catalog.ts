import type { ColumnType } from '../model/attributes.js';
import { type AttributeTable, attributeColumnName, type PhysicalTable } from './schema.js';

export interface CatalogEntry {
  readonly dataset: string;
  readonly keyName: string;
  readonly type: ColumnType;
  readonly table: AttributeTable;
}

export interface PhysicalColumn {
  readonly table: PhysicalTable;
  readonly name: string;
  readonly type: ColumnType;
}

export interface CatalogMark {
  readonly columns: number;
  readonly entries: number;
}

/** Default cap on typed attribute columns per table; keys past it stay in the extra JSON. */
export const DEFAULT_MAX_ATTRIBUTE_COLUMNS = 1_000;
/**
 * New columns one commit may add. Adding a column costs a schema change; a burst of new keys (one
 * span with 10,000 attributes) must not stall every other sender, so the rest wait for later
 * commits and stay in the extra JSON meanwhile.
 */
export const MAX_NEW_COLUMNS_PER_COMMIT = 128;
/** The tables whose columns one relation reads by name: `events` is `spans` and `logs`. */
const SAME_RELATION: Record<PhysicalTable, readonly PhysicalTable[]> = {
  spans: ['spans', 'logs'],
  logs: ['spans', 'logs'],
  resources: ['resources'],
};

/**
 * What typed attribute columns exist and which datasets have written them. Lives in memory (loaded
 * at start) so the hot path never asks DuckDB; the writer persists what `drain*` hands it.
 */
export class ColumnCatalog {
  readonly #physical = new Map<PhysicalTable, Map<string, ColumnType>>([
    ['spans', new Map()],
    ['logs', new Map()],
    ['resources', new Map()],
  ]);
  /** Each table's physical names by their lower-cased form: DuckDB identifiers ignore case, so
   * `HTTP.route` and `http.route` cannot both be columns of a table, nor of the `events` view over
   * `spans` and `logs`; the later key goes to the extra JSON instead. */
  readonly #lowerNames = new Map<PhysicalTable, Map<string, string>>([
    ['spans', new Map()],
    ['logs', new Map()],
    ['resources', new Map()],
  ]);
  readonly #entries = new Map<string, CatalogEntry>();
  /** Memo of `attributeColumnName` per type, so the hot path builds no string per attribute. */
  readonly #names: Record<ColumnType, Map<string, string>> = {
    string: new Map(),
    integer: new Map(),
    float: new Map(),
    boolean: new Map(),
  };
  #pendingColumns: PhysicalColumn[] = [];
  #pendingEntries: CatalogEntry[] = [];

  constructor(private readonly maxAttributeColumns = DEFAULT_MAX_ATTRIBUTE_COLUMNS) {}

  /** Records a column that already exists in the database. */
  loadColumn(column: PhysicalColumn): void {
    this.#physical.get(column.table)?.set(column.name, column.type);
    this.#lowerNames.get(column.table)?.set(column.name.toLowerCase(), column.name);
  }

  loadEntry(entry: CatalogEntry): void {
    this.#entries.set(entryKey(entry), entry);
  }

  /**
   * The physical column for a key of a type, created on the next commit if new; undefined when the
   * table is full, in which case the caller keeps the value in the extra JSON.
   */
  columnFor(table: PhysicalTable, keyName: string, type: ColumnType): string | undefined {
    const columns = this.#physical.get(table)!;
    const byKey = this.#names[type];
    const known = byKey.get(keyName);
    // The memo is shared by the tables, so a remembered name may be one this table lacks.
    if (known !== undefined && columns.has(known)) return known;
    const name = attributeColumnName(keyName, type);
    if (columns.has(name)) {
      byKey.set(keyName, name);
      return name;
    }
    if (columns.size >= this.maxAttributeColumns) return undefined;
    if (this.#pendingColumns.length >= MAX_NEW_COLUMNS_PER_COMMIT) return undefined;
    const lower = name.toLowerCase();
    for (const sibling of SAME_RELATION[table]) {
      const taken = this.#lowerNames.get(sibling)!.get(lower);
      if (taken !== undefined && taken !== name) return undefined;
    }
    columns.set(name, type);
    this.#lowerNames.get(table)!.set(lower, name);
    this.#pendingColumns.push({ table, name, type });
    return name;
  }

  /** Undo of `columnFor` for columns whose ALTER TABLE failed, so later commits do not expect them. */
  forgetColumns(columns: readonly PhysicalColumn[]): void {
    for (const column of columns) {
      this.#physical.get(column.table)?.delete(column.name);
      this.#lowerNames.get(column.table)?.delete(column.name.toLowerCase());
      this.#names[column.type].delete(column.name.slice(2));
    }
  }

  noteWritten(entry: CatalogEntry): void {
    const key = entryKey(entry);
    if (this.#entries.has(key)) return;
    this.#entries.set(key, entry);
    this.#pendingEntries.push(entry);
  }

  /** Where the pending columns and entries stand, to `undo` back to. */
  mark(): CatalogMark {
    return { columns: this.#pendingColumns.length, entries: this.#pendingEntries.length };
  }

  /**
   * Forgets the columns and entries asked for since `mark`, for rows that will not be stored
   * (a request refused while being read). Valid only in the same synchronous step as `mark`,
   * before any drain.
   */
  undo(mark: CatalogMark): void {
    this.forgetColumns(this.#pendingColumns.splice(mark.columns));
    this.forgetEntries(this.#pendingEntries.splice(mark.entries));
  }

  /** Columns to ALTER TABLE ADD before the next commit. */
  drainPendingColumns(): PhysicalColumn[] {
    const pending = this.#pendingColumns;
    this.#pendingColumns = [];
    return pending;
  }

  drainPendingEntries(): CatalogEntry[] {
    const pending = this.#pendingEntries;
    this.#pendingEntries = [];
    return pending;
  }

  /** Undo of `drainPendingEntries` when the commit that would have stored them failed. */
  forgetEntries(entries: readonly CatalogEntry[]): void {
    for (const entry of entries) this.#entries.delete(entryKey(entry));
  }

  /**
   * The columns the table has now: every known one but those still waiting for their ALTER
   * TABLE, which requests arriving during a commit may have just asked for.
   */
  existingColumns(table: PhysicalTable): [string, ColumnType][] {
    const pending = new Set(
      this.#pendingColumns.filter((column) => column.table === table).map((column) => column.name),
    );
    return [...this.#physical.get(table)!].filter(([name]) => !pending.has(name));
  }

  physicalColumns(table: PhysicalTable): ReadonlyMap<string, ColumnType> {
    return this.#physical.get(table)!;
  }

  /** Catalog entries of the given datasets (all datasets when `datasets` is 'all'). */
  entries(datasets: readonly string[] | 'all'): CatalogEntry[] {
    const wanted = datasets === 'all' ? undefined : new Set(datasets);
    return [...this.#entries.values()].filter((e) => wanted === undefined || wanted.has(e.dataset));
  }
}

function entryKey(entry: CatalogEntry): string {
  return `${entry.dataset}\u0000${entry.table}\u0000${entry.keyName}\u0000${entry.type}`;
}
