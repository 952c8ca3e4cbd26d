import { millisToUnixNanos, type UnixNanos, unixNanos } from '../../model/time.js';

/** An hour ahead of now: Honeycomb replaces later timestamps with the receive time. */
const MAX_FUTURE_MS = 3_600_000;

/**
 * Reads an event time as Honeycomb does: RFC3339 (any precision) or a Unix epoch number in
 * seconds, milliseconds, microseconds or nanoseconds. Missing, unreadable or far-future → now.
 */
export function honeycombEventTime(value: string | number | undefined, nowMs: number): UnixNanos {
  const now = millisToUnixNanos(nowMs);
  if (value === undefined || value === '') return now;
  const nanos =
    typeof value === 'number' || /^\d+(\.\d+)?$/.test(value)
      ? epochToNanos(Number(value))
      : rfc3339ToNanos(value);
  // Before 1970 or past the future bound (which also keeps it inside the store's signed 64 bits).
  if (nanos === undefined || nanos < 0n || nanos > millisToUnixNanos(nowMs + MAX_FUTURE_MS))
    return now;
  return nanos;
}

function epochToNanos(epoch: number): UnixNanos | undefined {
  if (!Number.isFinite(epoch) || epoch < 0) return undefined;
  if (epoch < 1e11) return unixNanos(BigInt(Math.round(epoch * 1e6)) * 1000n);
  if (epoch < 1e14) return unixNanos(BigInt(Math.round(epoch * 1e3)) * 1000n);
  if (epoch < 1e17) return unixNanos(BigInt(Math.round(epoch)) * 1000n);
  return unixNanos(BigInt(Math.round(epoch)));
}

function rfc3339ToNanos(text: string): UnixNanos | undefined {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d)$/i.exec(text.trim());
  if (match === null) return undefined;
  const seconds = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(seconds)) return undefined;
  const fraction = BigInt((match[2] ?? '').padEnd(9, '0').slice(0, 9) || '0');
  return unixNanos(BigInt(seconds) * 1_000_000n + fraction);
}
