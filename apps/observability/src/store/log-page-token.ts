import type { z } from 'zod';
import { invalidParameter } from '../receivers/cloudwatch-logs/cloudwatch-logs-error.js';

/**
 * Paging tokens of the CloudWatch Logs reads: base64url JSON, opaque to clients. Each carries a
 * fingerprint of the request it continues, so a token replayed against another group, stream or
 * pattern is refused rather than silently paging something else.
 */
export function encodePageToken(payload: object): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

export function decodePageToken<T>(token: string, schema: z.ZodType<T>): T {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw invalidToken();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalidToken();
  return parsed.data;
}

export function invalidToken(): Error {
  return invalidParameter('The specified nextToken is invalid.');
}
