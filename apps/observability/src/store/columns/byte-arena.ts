/**
 * The UTF-8 bytes of every string of a block, in one growing buffer that all its text columns
 * share: one allocation per request rather than one per string, and one region to hand DuckDB
 * when appending (see `ArenaBlobs`).
 */
export class ByteArena {
  bytes: Uint8Array;
  used = 0;

  constructor(capacity = 1024) {
    this.bytes = new Uint8Array(capacity);
  }

  /** Makes room for `extra` more bytes; returns where they start. */
  reserve(extra: number): number {
    const needed = this.used + extra;
    if (needed > this.bytes.length) {
      const bytes = new Uint8Array(Math.max(needed, this.bytes.length * 2));
      bytes.set(this.bytes.subarray(0, this.used));
      this.bytes = bytes;
    }
    return this.used;
  }
}
