import { createHash } from 'node:crypto';

/** A stable 64-bit content hash, for dedupe keys of records that carry no id of their own. */
export function hash64(...parts: readonly string[]): bigint {
  const digest = createHash('sha1');
  for (const part of parts) digest.update(part).update('\u0000');
  return digest.digest().readBigUInt64BE(0);
}
