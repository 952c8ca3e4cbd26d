/** Nanoseconds since the Unix epoch. bigint because JSON numbers lose precision past 2^53. */
export type UnixNanos = bigint & { readonly __brand: 'UnixNanos' };

export const NANOS_PER_MILLI = 1_000_000n;
export const NANOS_PER_SECOND = 1_000_000_000n;

export function unixNanos(value: bigint): UnixNanos {
  return value as UnixNanos;
}

export function nowUnixNanos(): UnixNanos {
  return (BigInt(Date.now()) * NANOS_PER_MILLI) as UnixNanos;
}

export function millisToUnixNanos(ms: number): UnixNanos {
  return (BigInt(Math.trunc(ms)) * NANOS_PER_MILLI) as UnixNanos;
}

export function secondsToUnixNanos(seconds: number): UnixNanos {
  return (BigInt(Math.round(seconds * 1e6)) * 1000n) as UnixNanos;
}

/** X-Ray's epoch seconds, kept to the microsecond (the inverse of `secondsToUnixNanos`). */
export function unixNanosToSeconds(nanos: bigint): number {
  return Number(nanos / 1000n) / 1e6;
}

export function unixNanosToMillis(nanos: UnixNanos): number {
  return Number(nanos / NANOS_PER_MILLI);
}

/** Difference of two instants in milliseconds, with sub-millisecond precision kept. */
export function durationMs(start: UnixNanos, end: UnixNanos): number {
  return Number(end - start) / 1e6;
}
