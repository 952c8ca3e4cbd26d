import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, SqlParams } from './database.js';
import { withDbSpan } from './db-span.js';

/**
 * Embedded PostgreSQL (WASM) behind the `Database` interface. No instrumentation library knows
 * PGlite, so each query gets a CLIENT span shaped like the `pg` instrumentation's.
 * `dataDir` undefined keeps the database in memory (tests).
 */
export async function createPgliteDatabase(dataDir?: string): Promise<Database> {
  const db = dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir);
  const nameRows = await db.query<{ name: string }>('SELECT current_database() AS name');
  const databaseName = nameRows.rows[0]?.name ?? 'postgres';

  const queryOn =
    (target: Pick<PGlite, 'query'>) =>
    <Row>(sql: string, params: SqlParams = []): Promise<Row[]> =>
      withDbSpan(databaseName, sql, async () => {
        const result = await target.query<Row>(sql, [...params]);
        return result.rows;
      });

  return {
    query: queryOn(db),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> =>
      db.transaction((tx) => fn({ query: queryOn(tx) })),
    close: () => db.close(),
  };
}
