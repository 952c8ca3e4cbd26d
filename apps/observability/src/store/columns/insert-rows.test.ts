import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Column, columnOfValues } from './column.js';
import { appendColumn } from './column-layout.js';
import { FixedColumn } from './fixed-column.js';
import { insertRows } from './insert-rows.js';
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
  await insertRows(connection, { name: 't' }, LAYOUT, parts);
  // Text for the 128-bit column: a bigint result past 2^127 must not be mistaken for a wrap.
  const reader = await connection.runAndReadAll(
    'SELECT c0, c1, c2, c3, c4::VARCHAR, c5, c6, c7 FROM t',
  );
  return reader.getRows() as unknown[][];
}

const ofValues = (columns: unknown[][]) =>
  columns.map((values, i) => columnOfValues(LAYOUT[i]!.layout, values));

describe('insertRows', () => {
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
      await insertRows(
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

  it('stores none of the rows when a chunk cannot be filled, even after earlier chunks went in', async () => {
    await connection.run('CREATE TABLE s (v VARCHAR)');
    const good = columnOfValues(
      'varchar',
      Array.from({ length: 5000 }, (_, i) => `a string too long to inline ${i}`),
    );
    // Bytes that are not UTF-8: DuckDB refuses the arena when the second source's chunk is filled.
    const bad = new TextColumn();
    bad.setUtf8(0, Buffer.from([0x61, 0xff, 0xfe, ...Buffer.from('and more than twelve')]), 0, 23);
    await expect(
      insertRows(
        connection,
        { name: 's' },
        [appendColumn('VARCHAR')],
        [
          { rowCount: 5000, columns: [good] },
          { rowCount: 1, columns: [bad] },
        ],
      ),
    ).rejects.toThrow(/arena/);
    const reader = await connection.runAndReadAll('SELECT count(*) FROM s');
    expect(reader.getRows()).toEqual([[0n]]);
  });

  it('keeps the rows of inserts running at once on two connections apart', async () => {
    const other = await instance.connect();
    await connection.run('CREATE TABLE a (v UINTEGER)');
    await connection.run('CREATE TABLE b (v UINTEGER)');
    const rows = (value: number, count: number) => [
      { rowCount: count, columns: [columnOfValues('u32', Array(count).fill(value))] },
    ];
    await Promise.all([
      insertRows(connection, { name: 'a' }, [appendColumn('UINTEGER')], rows(1, 3000)),
      insertRows(other, { name: 'b' }, [appendColumn('UINTEGER')], rows(2, 5000)),
    ]);
    other.closeSync();
    const reader = await connection.runAndReadAll(
      "SELECT 'a', count(*), sum(v) FROM a UNION ALL SELECT 'b', count(*), sum(v) FROM b ORDER BY 1",
    );
    expect(reader.getRows()).toEqual([
      ['a', 3000n, 3000n],
      ['b', 5000n, 10000n],
    ]);
  });

  it('refuses a column whose layout is not the table column’s', async () => {
    const columns = [new FixedColumn('u32'), ...TYPES.slice(1).map(() => undefined)];
    await expect(roundTrip([{ rowCount: 1, columns }])).rejects.toThrow(/u32/);
  });
});
