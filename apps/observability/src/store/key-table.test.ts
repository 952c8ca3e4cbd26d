import { describe, expect, it } from 'vitest';
import { KeyTable } from './key-table.js';
import { RowKey } from './row-key.js';

describe('KeyTable', () => {
  it('treats a missing trace id as a key of its own', () => {
    const table = new KeyTable(4);
    table.add(RowKey.of(1n, null, 0n));
    expect(table.has(RowKey.of(1n, null, 0n))).toBe(true);
    expect(table.has(RowKey.of(1n, 0n, 0n))).toBe(false);
    expect(table.has(RowKey.of(1n, 5n, 0n))).toBe(false);
    table.add(RowKey.of(1n, 5n, 0n));
    expect(table.has(RowKey.of(1n, 5n, 0n))).toBe(true);
  });

  it('compares every bit of both ids, extremes included', () => {
    const max64 = (1n << 64n) - 1n;
    const max128 = (1n << 128n) - 1n;
    const table = new KeyTable(8);
    table.add(RowKey.of(max64, max128, 1n));
    expect(table.has(RowKey.of(max64, max128, 0n))).toBe(true);
    expect(table.has(RowKey.of(max64, max128 - 1n, 0n))).toBe(false);
    expect(table.has(RowKey.of(max64 - 1n, max128, 0n))).toBe(false);
    expect(table.has(RowKey.of(max64, max128 ^ (1n << 127n), 0n))).toBe(false);
  });

  it('finds every one of many keys that share low bits, and none it was not given', () => {
    const table = new KeyTable(10_000);
    for (let i = 0n; i < 10_000n; i++) table.add(RowKey.of(i << 32n, 1n, i));
    for (let i = 0n; i < 10_000n; i++) expect(table.has(RowKey.of(i << 32n, 1n, 0n))).toBe(true);
    expect(table.has(RowKey.of(10_000n << 32n, 1n, 0n))).toBe(false);
    expect(table.has(RowKey.of(5n, 1n, 0n))).toBe(false);
  });

  it('tracks the latest time added and refuses keys past its capacity', () => {
    const table = new KeyTable(3);
    expect(table.maxTime).toBeUndefined();
    table.add(RowKey.of(1n, 1n, 1n << 40n));
    table.add(RowKey.of(2n, 1n, (1n << 40n) + 7n));
    table.add(RowKey.of(3n, 1n, 5n));
    expect(table.maxTime).toBe((1n << 40n) + 7n);
    expect(table.full).toBe(true);
    expect(() => table.add(RowKey.of(4n, 1n, 0n))).toThrow(/full/);
  });
});
