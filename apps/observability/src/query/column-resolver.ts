import type { ColumnType } from '../model/attributes.js';

/** A query column as SQL: an expression over `e` (events) and, when needed, `r` (resources). */
export interface ResolvedColumn {
  readonly keyName: string;
  readonly sql: string;
  readonly type: ColumnType;
  /** The expression reads `r.*`, so the query must join resources. */
  readonly needsResources: boolean;
}

/**
 * Maps a Honeycomb column name (`duration_ms`, `trace.trace_id`, `app.userId`, `service.name`)
 * to SQL for the datasets being queried. The store implements it from its column catalog.
 */
export interface ColumnResolver {
  resolve(keyName: string): ResolvedColumn | undefined;
  /** Every column the queried datasets have, for autocomplete and error messages. */
  list(): readonly ResolvedColumn[];
}
