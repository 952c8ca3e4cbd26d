import { describe, expect, it } from 'vitest';
import { RecentKeys } from './recent-keys.js';
import { RowKey } from './row-key.js';

const key = (eventId: bigint, traceId: bigint | null, time = 0n) =>
  RowKey.of(eventId, traceId, time);

describe('RecentKeys', () => {
  it('vouches only for times at or after its floor', () => {
    const keys = new RecentKeys(1_000n, 10);
    expect(keys.covers(1_000n)).toBe(true);
    expect(keys.covers(999n)).toBe(false);
  });

  it('knows committed keys, per trace', () => {
    const keys = new RecentKeys(0n, 10);
    keys.add(key(7n, 1n, 5n));
    keys.add(key(7n, 2n, 5n));
    expect(keys.has(key(7n, 1n))).toBe(true);
    expect(keys.has(key(7n, 2n))).toBe(true);
    expect(keys.has(key(7n, 3n))).toBe(false);
    expect(keys.has(key(8n, 1n))).toBe(false);
  });

  it('drops the older generation when full and raises the floor past its latest time', () => {
    const keys = new RecentKeys(0n, 2);
    keys.add(key(1n, 1n, 500n));
    keys.add(key(2n, 1n, 100n));
    keys.add(key(3n, 1n, 50n)); // second generation
    keys.add(key(4n, 1n, 60n));
    expect(keys.covers(0n)).toBe(true);
    keys.add(key(5n, 1n, 70n)); // third: the first (latest time 500) is forgotten
    expect(keys.has(key(1n, 1n))).toBe(false);
    expect(keys.has(key(3n, 1n))).toBe(true);
    expect(keys.covers(500n)).toBe(false);
    expect(keys.covers(501n)).toBe(true);
  });
});
