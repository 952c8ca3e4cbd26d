import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendRows } from './append-rows.js';
import { type Column, columnOfValues } from './column.js';
import { appendColumn } from './column-layout.js';
import { FixedColumn } from './fixed-column.js';
import { TextColumn } from './text-column.js';

const TYPES = [
  'UTINYINT',
  'UINTEGER',
  'BIGINT',
  'UBIGINT',
  'UHUGEINT',
  'DOUBLE',
  'BOOLEAN',
  'VARCHAR',
] as const;
const LAYOUT = TYPES.map(appendColumn);

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeEach(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run(`CREATE TABLE t (${TYPES.map((type, i) => `c${i} ${type}`).join(', ')})`);
});

afterEach(() => {
  connection.closeSync();
  instance.closeSync();
});

async function roundTrip(parts: { rowCount: number; columns: (Column | undefined)[] }[]) {
  await appendRows(connection, { name: 't' }, LAYOUT, parts);
  // Text for the 128-bit column: a bigint result past 2^127 must not be mistaken for a wrap.
  const reader = await connection.runAndReadAll(
    'SELECT c0, c1, c2, c3, c4::VARCHAR, c5, c6, c7 FROM t',
  );
  return reader.getRows() as unknown[][];
}

const ofValues = (columns: unknown[][]) =>
  columns.map((values, i) => columnOfValues(LAYOUT[i]!.layout, values));

describe('appendRows', () => {
  it('writes every column layout exactly, extremes included', async () => {
    const max128 = (1n << 128n) - 1n;
    const columns = ofValues([
      [255, 0],
      [4_294_967_295, 1],
      [-(1n << 63n), (1n << 63n) - 1n],
      [(1n << 64n) - 1n, 0n],
      [max128, 1n << 127n],
      [-1.5, 1e300],
      [true, false],
      ['ünïcode ✓', ''],
    ]);
    expect(await roundTrip([{ rowCount: 2, columns }])).toEqual([
      [
        255,
        4_294_967_295,
        -(1n << 63n),
        (1n << 64n) - 1n,
        max128.toString(),
        -1.5,
        true,
        'ünïcode ✓',
      ],
      [0, 1, (1n << 63n) - 1n, 0n, (1n << 127n).toString(), 1e300, false, ''],
    ]);
  });

  it('writes ids from their big-endian bytes and 64-bit values from their halves', async () => {
    const id = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    const u64 = new FixedColumn('u64');
    u64.setIdBytes(0, id, 8);
    const u128 = new FixedColumn('u128');
    u128.setIdBytes(0, id, 0);
    const i64 = new FixedColumn('i64');
    i64.setWords(0, 0xfffffffe, 0xffffffff);
    const columns = [undefined, undefined, i64, u64, u128, undefined, undefined, undefined];
    const [row] = await roundTrip([{ rowCount: 1, columns }]);
    expect(row![2]).toBe(-2n);
    expect(row![3]).toBe(BigInt(`0x${Buffer.from(id.subarray(8)).toString('hex')}`));
    expect(row![4]).toBe(BigInt(`0x${Buffer.from(id).toString('hex')}`).toString());
  });

  it('writes short, 12-byte, longer and non-ASCII strings that compare equal to SQL literals', async () => {
    await connection.run('CREATE TABLE s (v VARCHAR)');
    const texts = ['', 'GET', 'exactly12chr', 'thirteen-char', 'ü', 'région', 'x'.repeat(300)];
    const values = Array.from({ length: 3000 }, (_, i) => texts[i % texts.length]!);
    const fromBytes = new TextColumn();
    values.forEach((text, row) => {
      const bytes = Buffer.from(`<${text}>`);
      fromBytes.setUtf8(row, bytes, 1, bytes.length - 1);
    });
    for (const column of [columnOfValues('varchar', values), fromBytes]) {
      await connection.run('DELETE FROM s');
      await appendRows(
        connection,
        { name: 's' },
        [appendColumn('VARCHAR')],
        [{ rowCount: values.length, columns: [column] }],
      );
      for (const text of texts) {
        const reader = await connection.runAndReadAll(
          'SELECT count(*), any_value(v) FROM s WHERE v = $1',
          [text],
        );
        const expected = values.filter((value) => value === text).length;
        expect(reader.getRows()[0]).toEqual([BigInt(expected), text]);
      }
      const distinct = await connection.runAndReadAll('SELECT count(DISTINCT v) FROM s');
      expect(distinct.getRows()[0]).toEqual([BigInt(texts.length)]);
    }
  });

  it('stores unset rows and absent columns as NULL, across chunk boundaries and parts', async () => {
    const rowCount = 5000;
    const columns = TYPES.map(() => [] as unknown[]);
    for (let row = 0; row < rowCount; row += 3) {
      columns[0]![row] = 1;
      columns[1]![row] = 2;
      columns[2]![row] = 3n;
      columns[3]![row] = 4n;
      columns[4]![row] = 5n;
      columns[5]![row] = 6.5;
      columns[6]![row] = true;
      columns[7]![row] = `row ${row}`;
    }
    const second = [new FixedColumn('u8'), ...TYPES.slice(1).map(() => undefined)];
    (second[0] as FixedColumn).set(1, 9);
    const rows = await roundTrip([
      { rowCount, columns: ofValues(columns) },
      { rowCount: 2, columns: second },
    ]);
    expect(rows).toHaveLength(rowCount + 2);
    for (const [index, row] of rows.slice(0, rowCount).entries()) {
      if (index % 3 === 0) expect(row).toEqual([1, 2, 3n, 4n, '5', 6.5, true, `row ${index}`]);
      else expect(row).toEqual(Array(TYPES.length).fill(null));
    }
    expect(rows.slice(rowCount)).toEqual([Array(8).fill(null), [9, ...Array(7).fill(null)]]);
  });

  it('refuses a column whose layout is not the table column’s', async () => {
    const columns = [new FixedColumn('u32'), ...TYPES.slice(1).map(() => undefined)];
    await expect(roundTrip([{ rowCount: 1, columns }])).rejects.toThrow(/u32/);
  });
});
