import { BIGINT, type DuckDBConnection, DuckDBTableFunction } from '@duckdb/node-api';
import { quoteIdentifier } from '../schema.js';
import { BuiltRowsScan, type RowSource } from './built-rows-scan.js';
import type { AppendColumn } from './column-layout.js';

/** Scans being inserted, by the id their statement names. */
const scans = new Map<number, BuiltRowsScan>();
let nextScanId = 1;
/** The table function each connection inserts through; DuckDB keeps it in its instance's catalog. */
const functions = new WeakMap<DuckDBConnection, string>();
let registrations = 0;

/**
 * Inserts built rows into a table with `INSERT … SELECT` from a table function whose chunks are
 * filled straight from the rows' columns (see `BuiltRowsScan`). DuckDB's appender would copy every
 * chunk once more, strings included, into a collection of its own before appending it; this way
 * each chunk goes into the table as a query's scan would. The caller owns the transaction.
 */
export async function insertRows(
  connection: DuckDBConnection,
  table: { name: string; schema?: string; catalog?: string },
  layout: readonly AppendColumn[],
  sources: readonly RowSource[],
): Promise<void> {
  const scan = new BuiltRowsScan(layout, sources);
  const id = nextScanId++;
  scans.set(id, scan);
  const target = [table.catalog, table.schema, table.name]
    .filter((part) => part !== undefined)
    .map(quoteIdentifier)
    .join('.');
  try {
    await connection.run(`INSERT INTO ${target} SELECT * FROM ${scanFunction(connection)}(${id})`);
  } finally {
    scans.delete(id);
    scan.release();
  }
}

/**
 * The connection's table function, registered on first use. Each registration gets its own name:
 * DuckDB keeps table functions per instance and ignores a second one of the same name.
 */
function scanFunction(connection: DuckDBConnection): string {
  let name = functions.get(connection);
  if (name !== undefined) return name;
  name = `built_rows_${++registrations}`;
  connection.registerTableFunction(
    DuckDBTableFunction.create({
      name,
      parameterTypes: [BIGINT],
      bindFunction: (info) => {
        const scan = scans.get(Number(info.getParameter(0)));
        if (scan === undefined) {
          info.setError('no rows are being inserted under this id');
          return;
        }
        for (const [c, column] of scan.layout.entries()) info.addResultColumn(`c${c}`, column.type);
        info.setBindData(scan);
      },
      initFunction: () => undefined,
      mainFunction: (info, output) => (info.bindData as BuiltRowsScan).fillNext(output),
    }),
  );
  functions.set(connection, name);
  return name;
}
