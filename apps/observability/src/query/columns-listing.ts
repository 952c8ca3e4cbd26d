import { createHash } from 'node:crypto';
import type { ColumnType } from '../model/attributes.js';
import type { ColumnResolver } from './column-resolver.js';

/** One entry of `GET /1/columns/:dataset`, in Honeycomb's shape. */
export interface HoneycombColumn {
  readonly id: string;
  readonly key_name: string;
  readonly type: ColumnType;
  readonly description: string;
  readonly hidden: boolean;
  readonly created_at: string;
  readonly updated_at: string;
  readonly last_written: string;
}

/** What the store knows about when a column appeared and was last written, by key name. */
export interface ColumnTimes {
  readonly createdAtMs: number;
  readonly lastWrittenMs?: number;
}

/**
 * Lists the columns of the queried datasets: the fixed span fields and every attribute key, each
 * under the type queries read it as. Ids are derived from the key name so they stay the same
 * across calls and restarts without a table of their own. Columns without known times (the
 * fixed fields) carry `fallbackMs`, typically when the dataset was created.
 */
export function listColumns(
  resolver: ColumnResolver,
  times: ReadonlyMap<string, ColumnTimes>,
  fallbackMs: number,
): HoneycombColumn[] {
  return resolver.list().map((column) => {
    const known = times.get(column.keyName);
    const created = new Date(known?.createdAtMs ?? fallbackMs).toISOString();
    return {
      id: columnId(column.keyName),
      key_name: column.keyName,
      type: column.type,
      description: '',
      hidden: false,
      created_at: created,
      updated_at: created,
      last_written: new Date(
        known?.lastWrittenMs ?? known?.createdAtMs ?? fallbackMs,
      ).toISOString(),
    };
  });
}

export function columnId(keyName: string): string {
  return createHash('sha256').update(keyName).digest('base64url').slice(0, 11);
}
