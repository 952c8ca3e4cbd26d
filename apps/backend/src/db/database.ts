/** Positional parameters for `$1`, `$2`, … placeholders; never interpolate values into SQL text. */
export type SqlParams = readonly unknown[];

/** What repositories need: one parameterized statement at a time. */
export interface Queryable {
  query<Row>(sql: string, params?: SqlParams): Promise<Row[]>;
}

/**
 * The one SQL code path for PostgreSQL (`pg`) and embedded PGlite. Adapters only translate
 * calls; the SQL text in repositories is the same for both.
 */
export interface Database extends Queryable {
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
