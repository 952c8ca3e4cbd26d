import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_LAYOUT, COLUMN, RowBlock } from './row-block.js';
import { rowsOf } from './row-block.testing.js';
import { SIGNAL, STORED_COLUMNS } from './schema.js';

/** A block of rows with these signals, each named by its index and holding `s:row`. */
function blockOf(signals: readonly number[]): RowBlock {
  const block = new RowBlock();
  for (const signal of signals) {
    const row = block.rowCount;
    block.fixedColumn('signal').set(row, signal);
    block.textColumn('name').set(row, `row ${row}`);
    block.attributeColumn('s:row', ATTRIBUTE_LAYOUT.string).set(row, String(row));
    block.endRow();
  }
  return block;
}

const names = (block: RowBlock) => rowsOf(block).map((row) => row.name);

describe('RowBlock.byTable', () => {
  it('hands over a block of one kind of row whole, without copying it', () => {
    const spans = blockOf([SIGNAL.span, SIGNAL.span]);
    expect(spans.byTable()).toEqual([['spans', spans]]);
    const logs = blockOf([SIGNAL.log, SIGNAL.event]);
    expect(logs.byTable()).toEqual([['logs', logs]]);
  });

  it('splits spans from log records and plain events, keeping their order', () => {
    const block = blockOf([SIGNAL.event, SIGNAL.span, SIGNAL.log, SIGNAL.span]);
    const parts = block.byTable();
    expect(parts.map(([table, part]) => [table, names(part)])).toEqual([
      ['spans', ['row 1', 'row 3']],
      ['logs', ['row 0', 'row 2']],
    ]);
    expect(rowsOf(parts[0]![1]).map((row) => row['s:row'])).toEqual(['1', '3']);
  });

  it('leaves out skipped rows, in a block of one kind as in a mixed one', () => {
    const skip = Uint8Array.of(0, 1, 0);
    expect(names(blockOf([SIGNAL.span, SIGNAL.span, SIGNAL.span]).byTable(skip)[0]![1])).toEqual([
      'row 0',
      'row 2',
    ]);
    const mixed = blockOf([SIGNAL.span, SIGNAL.span, SIGNAL.log]).byTable(skip);
    expect(mixed.map(([table, part]) => [table, names(part)])).toEqual([
      ['spans', ['row 0']],
      ['logs', ['row 2']],
    ]);
  });

  it('gives each table only the fixed columns it has, in its order', () => {
    const span = blockOf([SIGNAL.span]);
    const spanColumns = span.columnsFor('spans', ['s:row']);
    expect(spanColumns).toEqual([
      ...STORED_COLUMNS.spans.map((name) => span.fixed[COLUMN[name]]),
      span.attributes.get('s:row'),
    ]);
    expect(spanColumns).not.toContain(span.textColumn('body'));
    const log = blockOf([SIGNAL.log]);
    expect(log.columnsFor('logs', ['s:row'])).not.toContain(log.fixedColumn('kind'));
  });
});
