import type { Logger } from '@cruddur/telemetry/node';
import pg from 'pg';
import type { Database, Queryable, SqlParams } from './database.js';

/**
 * A `pg.Pool` behind the `Database` interface. It adds no spans: the `pg` auto-instrumentation
 * started by telemetry already makes one per query, and a second one would double every query.
 */
export function createPgDatabase(connectionString: string, logger: Logger): Database {
  const pool = new pg.Pool({ connectionString });
  // An idle client losing its connection emits on the pool; unhandled, it would crash the process.
  pool.on('error', (error) => logger.error({ err: error }, 'idle PostgreSQL client error'));

  const queryOn =
    (client: pg.Pool | pg.PoolClient) =>
    async <Row>(sql: string, params: SqlParams = []): Promise<Row[]> => {
      const result = await client.query(sql, [...params]);
      return result.rows as Row[];
    };

  return {
    query: queryOn(pool),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      // A connection whose ROLLBACK failed may still hold the transaction: destroy, don't reuse.
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn({ query: queryOn(client) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
