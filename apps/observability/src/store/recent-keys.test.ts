import { describe, expect, it } from 'vitest';
import { KeySet, RecentKeys } from './recent-keys.js';

describe('RecentKeys', () => {
  it('vouches only for times at or after its floor', () => {
    const keys = new RecentKeys(1_000n, 10);
    expect(keys.covers(1_000n)).toBe(true);
    expect(keys.covers(999n)).toBe(false);
  });

  it('knows committed keys, per trace', () => {
    const keys = new RecentKeys(0n, 10);
    keys.add(7n, 1n, 5n);
    keys.add(7n, 2n, 5n);
    expect(keys.has(7n, 1n)).toBe(true);
    expect(keys.has(7n, 2n)).toBe(true);
    expect(keys.has(7n, 3n)).toBe(false);
    expect(keys.has(8n, 1n)).toBe(false);
  });

  it('drops the older generation when full and raises the floor past its latest time', () => {
    const keys = new RecentKeys(0n, 2);
    keys.add(1n, 1n, 500n);
    keys.add(2n, 1n, 100n);
    keys.add(3n, 1n, 50n); // second generation
    keys.add(4n, 1n, 60n);
    expect(keys.covers(0n)).toBe(true);
    keys.add(5n, 1n, 70n); // third: the first (latest time 500) is forgotten
    expect(keys.has(1n, 1n)).toBe(false);
    expect(keys.has(3n, 1n)).toBe(true);
    expect(keys.covers(500n)).toBe(false);
    expect(keys.covers(501n)).toBe(true);
  });
});

describe('KeySet', () => {
  it('treats a missing trace id as a key of its own', () => {
    const set = new KeySet();
    set.add(1n, null, 0n);
    expect(set.has(1n, null)).toBe(true);
    expect(set.has(1n, 5n)).toBe(false);
    set.add(1n, 5n, 0n);
    expect(set.has(1n, 5n)).toBe(true);
  });
});
