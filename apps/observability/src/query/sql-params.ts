/** A value bound to a positional DuckDB parameter; user values only ever travel this way. */
export type SqlParam = string | number | bigint | boolean;

/** One SQL statement and its positional parameters (`$1` is `params[0]`). */
export interface SqlStatement {
  readonly sql: string;
  readonly params: SqlParam[];
}

/** Collects parameters while SQL is assembled and hands out their `$n` placeholders. */
export class SqlParams {
  readonly values: SqlParam[] = [];

  add(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
