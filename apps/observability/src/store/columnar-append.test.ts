import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { appendColumn, appendColumns } from './columnar-append.js';

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

async function roundTrip(columns: unknown[][], rowCount: number): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE TABLE t (${TYPES.map((type, i) => `c${i} ${type}`).join(', ')})`);
    await appendColumns(connection, { name: 't' }, TYPES.map(appendColumn), columns, rowCount);
    // Text for the 128-bit column: a bigint result past 2^127 must not be mistaken for a wrap.
    const reader = await connection.runAndReadAll(
      `SELECT c0, c1, c2, c3, c4::VARCHAR, c5, c6, c7 FROM t`,
    );
    return reader.getRows() as unknown[][];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('appendColumns', () => {
  it('writes every column layout exactly, extremes included', async () => {
    const max128 = (1n << 128n) - 1n;
    const rows = await roundTrip(
      [
        [255, 0],
        [4_294_967_295, 1],
        [-(1n << 63n), (1n << 63n) - 1n],
        [(1n << 64n) - 1n, 0n],
        [max128, 1n << 127n],
        [-1.5, 1e300],
        [true, false],
        ['ünïcode ✓', ''],
      ],
      2,
    );
    expect(rows).toEqual([
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

  it('writes short, 12-byte, longer and non-ASCII strings that compare equal to SQL literals', async () => {
    const texts = ['', 'GET', 'exactly12chr', 'thirteen-char', 'ü', 'région', 'x'.repeat(300)];
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await connection.run('CREATE TABLE s (v VARCHAR)');
      const values = Array.from({ length: 3000 }, (_, i) => texts[i % texts.length]);
      await appendColumns(connection, { name: 's' }, [appendColumn('VARCHAR')], [values], 3000);
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
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('stores holes and nulls as NULL, across chunk boundaries', async () => {
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
    columns[7]![1] = null;
    for (const values of columns) values.length = rowCount;
    const rows = await roundTrip(columns, rowCount);
    expect(rows).toHaveLength(rowCount);
    for (const [index, row] of rows.entries()) {
      if (index % 3 === 0) expect(row).toEqual([1, 2, 3n, 4n, '5', 6.5, true, `row ${index}`]);
      else expect(row).toEqual(Array(TYPES.length).fill(null));
    }
  });
});
