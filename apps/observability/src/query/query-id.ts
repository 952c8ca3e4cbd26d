import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';

/**
 * Queries are immutable, so a query is named by what it asks: the same spec on the same dataset
 * always gets the same id (keys in any order, as JSON objects are unordered). Creating a query
 * a script or dashboard already created is then a lookup, not another row and commit.
 */
export function queryId(dataset: string, spec: unknown): string {
  return createHash('sha256')
    .update(dataset)
    .update('\u0000')
    .update(stringify(spec) ?? 'null')
    .digest()
    .subarray(0, 12)
    .toString('base64url');
}
