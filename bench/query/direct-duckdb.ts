import { copyFileSync, rmSync } from 'node:fs';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * Hand-written SQL straight on DuckDB, the baseline the API is compared with. It reads a
 * byte-for-byte copy of the server's file, opened read-only: DuckDB lets one process hold a
 * file for writing, and with a copy both stay open, so API and direct runs can alternate one by
 * one and the machine's drift falls on both alike.
 */
export class DirectDuckDb {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly copy: string,
  ) {}

  /** Copies `path` (no process may be writing it) and opens the copy. */
  static async open(path: string): Promise<DirectDuckDb> {
    const copy = `${path}.direct-copy`;
    copyFileSync(path, copy);
    const instance = await DuckDBInstance.create(copy, { access_mode: 'READ_ONLY' });
    return new DirectDuckDb(instance, await instance.connect(), copy);
  }

  /** Runs one statement and reads every row; returns its wall time and row count. */
  async time({ sql, params }: Statement): Promise<{ ms: number; rows: number }> {
    const began = performance.now();
    const reader = await this.connection.runAndReadAll(sql, params as never);
    const rows = reader.getRowObjectsJS().length;
    return { ms: performance.now() - began, rows };
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
    rmSync(this.copy, { force: true });
  }
}
