import { describe, expect, it } from 'vitest';
import { parentFirstOrder } from './parent-first-order.js';

interface Item {
  id: string;
  parent: string | null;
  start: bigint;
}

const order = (items: Item[]) =>
  parentFirstOrder(
    items,
    (i) => i.id,
    (i) => i.parent,
    (i) => i.start,
  ).map((i) => i.id);

describe('parentFirstOrder', () => {
  it('orders by start time', () => {
    expect(
      order([
        { id: 'b', parent: null, start: 2n },
        { id: 'a', parent: null, start: 1n },
      ]),
    ).toEqual(['a', 'b']);
  });

  it('puts a parent before a child that started earlier through clock skew', () => {
    expect(
      order([
        { id: 'child', parent: 'root', start: 1n },
        { id: 'root', parent: null, start: 5n },
        { id: 'grandchild', parent: 'child', start: 0n },
      ]),
    ).toEqual(['root', 'child', 'grandchild']);
  });

  it('treats spans whose parent is missing as roots and breaks ties by id', () => {
    expect(
      order([
        { id: 'y', parent: 'gone', start: 1n },
        { id: 'x', parent: null, start: 1n },
      ]),
    ).toEqual(['x', 'y']);
  });

  it('keeps spans caught in a parent cycle instead of losing them', () => {
    expect(
      order([
        { id: 'a', parent: 'b', start: 1n },
        { id: 'b', parent: 'a', start: 2n },
      ]).sort(),
    ).toEqual(['a', 'b']);
  });
});
