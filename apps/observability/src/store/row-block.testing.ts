import type { RowBlock } from './row-block.js';
import { EVENT_COLUMNS } from './schema.js';

/**
 * A block's rows as plain objects, for tests: every fixed column, and the attribute columns a
 * row has a value in (so blocks that differ only in empty columns compare equal).
 */
export function rowsOf(block: RowBlock): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  const attributes = [...block.attributes].sort(([a], [b]) => (a < b ? -1 : 1));
  for (let row = 0; row < block.rowCount; row++) {
    const out: Record<string, unknown> = {};
    EVENT_COLUMNS.forEach(([name], i) => {
      out[name] = valueAt(block.fixed[i]!, row);
    });
    for (const [name, column] of attributes) {
      const value = valueAt(column, row);
      if (value !== null) out[name] = value;
    }
    rows.push(out);
  }
  return rows;
}

function valueAt(column: RowBlock['fixed'][number], row: number): unknown {
  return column.layout === 'varchar' ? column.textAt(row) : column.valueAt(row);
}
