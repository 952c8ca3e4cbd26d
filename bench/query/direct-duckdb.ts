import { DuckDBInstance } from '@duckdb/node-api';

/**
 * Runs SQL straight on a DuckDB file opened read-only (no server holds it then), as the baseline
 * the API is compared with. Returns each repetition's wall time and the last row count.
 */
export async function timeDirectSql(
  path: string,
  statements: readonly { sql: string; params: readonly unknown[] }[],
  repetitions: number,
): Promise<{ ms: number[][]; rows: number[] }> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    try {
      const ms = statements.map(() => [] as number[]);
      const rows = statements.map(() => 0);
      // Interleave the statements so drift hits all of them alike.
      for (let r = 0; r < repetitions; r++) {
        for (const [i, { sql, params }] of statements.entries()) {
          const began = performance.now();
          const reader = await connection.runAndReadAll(sql, params as never);
          const found = reader.getRowObjectsJS();
          ms[i]!.push(performance.now() - began);
          rows[i] = found.length;
        }
      }
      return { ms, rows };
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
