/** Immutable list edits for the builder's clauses. */
export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((x, i) => (i === index ? item : x));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** Drops an optional key when the text is empty, so specs carry no `column: ""`. */
export function withOptional<T extends object, K extends string>(
  item: T,
  key: K,
  value: string,
): T {
  const next = { ...item } as Record<string, unknown>;
  if (value === '') delete next[key];
  else next[key] = value;
  return next as T;
}
