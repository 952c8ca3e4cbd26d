/**
 * Orders items by start time while guaranteeing every parent comes before its children, even when
 * clock skew starts a child before its parent. Items whose parent is absent count as roots.
 */
export function parentFirstOrder<T>(
  items: readonly T[],
  id: (item: T) => string,
  parentId: (item: T) => string | null,
  start: (item: T) => bigint,
): T[] {
  // Ties (same start, common at millisecond precision) fall back to the id, so order is stable.
  const sorted = [...items].sort((a, b) => {
    if (start(a) !== start(b)) return start(a) < start(b) ? -1 : 1;
    return id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0;
  });
  const present = new Set(sorted.map(id));
  const emitted = new Set<string>();
  const waiting = new Map<string, T[]>();
  const out: T[] = [];
  const emit = (item: T): void => {
    out.push(item);
    emitted.add(id(item));
    const children = waiting.get(id(item));
    if (children === undefined) return;
    waiting.delete(id(item));
    for (const child of children) emit(child);
  };
  for (const item of sorted) {
    const parent = parentId(item);
    if (parent !== null && present.has(parent) && !emitted.has(parent) && parent !== id(item)) {
      const list = waiting.get(parent) ?? [];
      list.push(item);
      waiting.set(parent, list);
    } else {
      emit(item);
    }
  }
  // A parent cycle leaves items waiting forever; show them rather than lose them.
  for (const list of waiting.values()) out.push(...list);
  return out;
}
