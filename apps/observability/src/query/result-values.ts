/** A value as it appears in Honeycomb's JSON result. */
export type ResultScalar = string | number | boolean | null;

/**
 * An aggregate as a JSON number: DuckDB hands BIGINT / HUGEINT counts and sums as bigint,
 * which `JSON.stringify` cannot write; beyond 2^53 the nearest double is what Honeycomb shows too.
 * NaN and infinities have no JSON form and become null.
 */
export function toResultNumber(value: unknown): number | null {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/**
 * A breakdown value keeps its identity: integers beyond 2^53 become decimal strings rather
 * than a neighbouring number, and NULL (the column missing) stays null.
 */
export function toResultScalar(value: unknown): ResultScalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/**
 * Reads a DuckDB `histogram()` MAP into bucket index → count, whatever the runner made of it:
 * an array of `{key, value}` (`getRowObjectsJS`), a `DuckDBMapValue` with `entries`, a `Map`,
 * or a plain object (`getRowObjectsJson`).
 */
export function histogramCounts(value: unknown): Map<number, number> {
  const counts = new Map<number, number>();
  if (value === null || value === undefined) return counts;
  let pairs: [unknown, unknown][];
  if (value instanceof Map) pairs = [...value.entries()];
  else if (Array.isArray(value)) pairs = value.map(entryPair);
  else if (typeof value === 'object' && Array.isArray((value as { entries?: unknown }).entries)) {
    pairs = ((value as { entries: unknown[] }).entries ?? []).map(entryPair);
  } else if (typeof value === 'object') pairs = Object.entries(value);
  else pairs = [];
  for (const [key, count] of pairs) {
    const index = toResultNumber(key);
    const n = toResultNumber(count);
    if (index !== null && n !== null) counts.set(index, (counts.get(index) ?? 0) + n);
  }
  return counts;
}

function entryPair(entry: unknown): [unknown, unknown] {
  if (Array.isArray(entry)) return [entry[0], entry[1]];
  const { key, value } = (entry ?? {}) as { key?: unknown; value?: unknown };
  return [key, value];
}
