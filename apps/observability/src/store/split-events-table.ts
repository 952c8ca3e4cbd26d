import type { DuckDBConnection } from '@duckdb/node-api';
import {
  EVENTS_VIEW_DDL,
  quoteIdentifier,
  SIGNAL,
  STORED_COLUMNS,
  type StoredTable,
  storedTableDdl,
} from './schema.js';

const WHERE_SIGNAL: Record<StoredTable, string> = {
  spans: `signal = ${SIGNAL.span}`,
  logs: `signal <> ${SIGNAL.span}`,
};

/**
 * Files written before spans and logs had tables of their own hold every row in one `events`
 * table. This moves them into `spans` and `logs` in one transaction, each attribute column going
 * to the tables whose rows hold values in it (a column none does goes to `logs`), and leaves the
 * `events` view in the table's place, so queries read the file as before. Answers whether there
 * was anything to move.
 */
export async function splitEventsTable(connection: DuckDBConnection): Promise<boolean> {
  const legacy = await connection.runAndReadAll(
    `SELECT 1 FROM duckdb_tables()
     WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'events'`,
  );
  if (legacy.currentRowCount === 0) return false;
  const attributes = (
    await connection.runAndReadAll(
      `SELECT column_name, data_type FROM duckdb_columns()
       WHERE database_name = current_database() AND schema_name = 'main'
         AND table_name = 'events' AND regexp_matches(column_name, '^[sifb]:')
       ORDER BY column_index`,
    )
  ).getRows() as [string, string][];
  const used = await attributesUsed(
    connection,
    attributes.map(([name]) => name),
  );
  await connection.run('BEGIN TRANSACTION');
  try {
    for (const table of ['spans', 'logs'] as const) {
      await connection.run(storedTableDdl(table));
      const columns = STORED_COLUMNS[table].map(quoteIdentifier);
      for (const [name, type] of attributes) {
        if (!used[table].has(name)) continue;
        await connection.run(`ALTER TABLE ${table} ADD COLUMN ${quoteIdentifier(name)} ${type}`);
        columns.push(quoteIdentifier(name));
      }
      await connection.run(
        `INSERT INTO ${table} (${columns.join(', ')})
         SELECT ${columns.join(', ')} FROM events WHERE ${WHERE_SIGNAL[table]}`,
      );
    }
    await connection.run('DROP TABLE events');
    await connection.run(EVENTS_VIEW_DDL);
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
  // A WAL holding schema changes has failed to replay after a crash: write them out at once.
  await connection.run('CHECKPOINT');
  return true;
}

/** Per stored table, the attribute columns it takes. */
async function attributesUsed(
  connection: DuckDBConnection,
  names: readonly string[],
): Promise<Record<StoredTable, Set<string>>> {
  const used: Record<StoredTable, Set<string>> = { spans: new Set(), logs: new Set() };
  if (names.length === 0) return used;
  const counts = names.flatMap((name) =>
    (['spans', 'logs'] as const).map(
      (table) => `count(${quoteIdentifier(name)}) FILTER (WHERE ${WHERE_SIGNAL[table]})`,
    ),
  );
  const row = (
    await connection.runAndReadAll(`SELECT ${counts.join(', ')} FROM events`)
  ).getRows()[0]!;
  names.forEach((name, i) => {
    const inSpans = Number(row[i * 2]) > 0;
    if (inSpans) used.spans.add(name);
    // A column no row holds a value in (its rows were deleted) still goes somewhere: the catalog
    // may name it, and the view must keep every column the table had.
    if (Number(row[i * 2 + 1]) > 0 || !inSpans) used.logs.add(name);
  });
  return used;
}
