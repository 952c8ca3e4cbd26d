const HOUR_MS = 3_600_000;

/** The original form's choices, and how long each keeps a crud alive. */
export const TTL_HOURS = {
  '30-days': 30 * 24,
  '7-days': 7 * 24,
  '3-days': 3 * 24,
  '1-day': 24,
  '12-hours': 12,
  '3-hours': 3,
  '1-hour': 1,
} as const;

export type Ttl = keyof typeof TTL_HOURS;

export function isTtl(value: string): value is Ttl {
  return Object.hasOwn(TTL_HOURS, value);
}

export function expiresAt(createdAt: Date, ttl: Ttl): Date {
  return new Date(createdAt.getTime() + TTL_HOURS[ttl] * HOUR_MS);
}
