import type { ByteArena } from './byte-arena.js';
import type { CellValue, ColumnLayout } from './column-layout.js';
import { FixedColumn } from './fixed-column.js';
import { TextColumn } from './text-column.js';

/** A column being built in DuckDB's vector layout. */
export type Column = FixedColumn | TextColumn;

/** A new column; text columns keep their bytes in `arena` (shared within a block). */
export function newColumn(layout: ColumnLayout, rows?: number, arena?: ByteArena): Column {
  return layout === 'varchar' ? new TextColumn(rows, arena) : new FixedColumn(layout, rows);
}

/** A column from plain values; `null` and `undefined` are NULL. */
export function columnOfValues(layout: ColumnLayout, values: readonly unknown[]): Column {
  const column = newColumn(layout, values.length);
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (value !== null && value !== undefined) {
      column.set(row, value as CellValue);
    }
  }
  return column;
}

/** Copies row `from` of `source` to row `to` of `target`; both have the same layout. */
export function copyRow(target: Column, source: Column, from: number, to: number): void {
  if (target.layout === 'varchar') target.copyRow(source as TextColumn, from, to);
  else target.copyRow(source as FixedColumn, from, to);
}
