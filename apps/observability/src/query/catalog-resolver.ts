import type { ColumnType } from '../model/attributes.js';
import {
  type AttributeTable,
  attributeColumnName,
  quoteIdentifier,
  SQL_TYPE,
} from '../store/schema.js';
import type { ColumnResolver, ResolvedColumn } from './column-resolver.js';
import { FIXED_COLUMNS, FIXED_COLUMNS_BY_NAME } from './fixed-columns.js';

/** One row of the store's `dataset_columns` catalog: an attribute key stored under one type. */
export interface CatalogEntry {
  readonly keyName: string;
  readonly type: ColumnType;
  readonly table: AttributeTable;
}

const TABLE_ALIAS: Record<AttributeTable, string> = { events: 'e', resources: 'r' };
/** Preference inside one table when a key has several types: the target type first. */
const TYPE_ORDER: readonly ColumnType[] = ['string', 'float', 'integer', 'boolean'];

/**
 * A key stored under several types reads as the widest: integer with float is float, any
 * other mix is string (every value has a text form, so nothing is lost).
 */
export function widestType(types: ReadonlySet<ColumnType>): ColumnType {
  if (types.size === 1) return [...types][0] as ColumnType;
  if (types.size === 2 && types.has('integer') && types.has('float')) return 'float';
  return 'string';
}

function attributeColumn(keyName: string, entries: readonly CatalogEntry[]): ResolvedColumn {
  const type = widestType(new Set(entries.map((entry) => entry.type)));
  const ordered = (table: AttributeTable) =>
    entries
      .filter((entry) => entry.table === table)
      .sort((a, b) => rank(a.type, type) - rank(b.type, type));
  // An event attribute shadows a resource attribute of the same key, as in Honeycomb's flat events.
  const physical = [...ordered('events'), ...ordered('resources')].map((entry) => {
    const column = `${TABLE_ALIAS[entry.table]}.${quoteIdentifier(attributeColumnName(keyName, entry.type))}`;
    return entry.type === type ? column : `CAST(${column} AS ${SQL_TYPE[type]})`;
  });
  return {
    keyName,
    type,
    sql: physical.length === 1 ? (physical[0] as string) : `COALESCE(${physical.join(', ')})`,
    needsResources: entries.some((entry) => entry.table === 'resources'),
  };
}

function rank(entryType: ColumnType, target: ColumnType): number {
  return entryType === target ? -1 : TYPE_ORDER.indexOf(entryType);
}

/**
 * Resolves Honeycomb column names against the catalog of the queried datasets: the fixed span
 * fields first, then attribute keys to their typed physical columns.
 */
export function createCatalogResolver(entries: readonly CatalogEntry[]): ColumnResolver {
  const byKey = new Map<string, CatalogEntry[]>();
  const seen = new Set<string>();
  for (const entry of entries) {
    const identity = `${entry.table}\u0000${entry.type}\u0000${entry.keyName}`;
    if (seen.has(identity) || FIXED_COLUMNS_BY_NAME.has(entry.keyName)) continue;
    seen.add(identity);
    const list = byKey.get(entry.keyName) ?? [];
    list.push(entry);
    byKey.set(entry.keyName, list);
  }
  const attributes = new Map<string, ResolvedColumn>();
  for (const [keyName, list] of byKey) attributes.set(keyName, attributeColumn(keyName, list));
  const all = [
    ...FIXED_COLUMNS,
    ...[...attributes.values()].sort((a, b) => a.keyName.localeCompare(b.keyName)),
  ];
  return {
    resolve: (keyName) => FIXED_COLUMNS_BY_NAME.get(keyName) ?? attributes.get(keyName),
    list: () => all,
  };
}
