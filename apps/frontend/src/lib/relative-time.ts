const UNITS: readonly [limitMs: number, unitMs: number, suffix: string][] = [
  [60_000, 1_000, 's'],
  [3_600_000, 60_000, 'm'],
  [86_400_000, 3_600_000, 'h'],
  [Number.POSITIVE_INFINITY, 86_400_000, 'd'],
];

/** `5m`, `3h`, `2d`: the short form feeds use. */
export function shortDuration(ms: number): string {
  const abs = Math.max(0, ms);
  for (const [limit, unit, suffix] of UNITS) {
    if (abs < limit) return `${Math.floor(abs / unit)}${suffix}`;
  }
  return `${Math.floor(abs / 86_400_000)}d`;
}

export function timeAgo(iso: string, now: number = Date.now()): string {
  return shortDuration(now - Date.parse(iso));
}

export function timeLeft(iso: string, now: number = Date.now()): string {
  return shortDuration(Date.parse(iso) - now);
}
