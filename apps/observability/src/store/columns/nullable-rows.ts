/** Rows a column starts with when no size is expected. */
export const INITIAL_ROWS = 64;

/**
 * What every column being built shares: a capacity in rows and one byte of validity per row
 * (0 = NULL, which unset rows are). Subclasses grow their own arrays in `growTo`.
 */
export abstract class NullableRows {
  capacity = 0;
  valid = new Uint8Array(0);

  /** Makes room for rows `[0, rows)`, keeping what is set. */
  reserve(rows: number): void {
    if (rows <= this.capacity) return;
    const capacity = Math.max(rows, this.capacity * 2, INITIAL_ROWS);
    const valid = new Uint8Array(capacity);
    valid.set(this.valid);
    this.valid = valid;
    this.growTo(capacity);
    this.capacity = capacity;
  }

  /** Grows the subclass's own arrays to `capacity` rows, keeping their contents. */
  protected abstract growTo(capacity: number): void;

  /** Makes every row NULL, keeping the memory for reuse. */
  reset(): void {
    this.valid.fill(0);
  }

  /** Makes room for `row` and marks it set, before its value is written. */
  protected markSet(row: number): void {
    if (row >= this.capacity) this.reserve(row + 1);
    this.valid[row] = 1;
  }

  /** Makes a row NULL again. */
  clear(row: number): void {
    if (row < this.capacity) this.valid[row] = 0;
  }

  isSet(row: number): boolean {
    return row < this.capacity && this.valid[row] === 1;
  }
}
