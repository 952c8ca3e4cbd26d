import { sigV4Credential } from './sigv4-credential.js';

export type Access = 'ingest' | 'query';

export interface ApiKeys {
  readonly ingestKeys: readonly string[];
  readonly queryKeys: readonly string[];
}

export type AccessDecision = 'allowed' | 'missing' | 'denied';

/**
 * Ingest keys may only send; query keys may read and send. With no keys configured (the loopback
 * default) everything is allowed. The key is read from Honeycomb's `X-Honeycomb-Team`, a Bearer
 * token, or `X-Api-Key`, so each protocol's clients can carry it their own way.
 */
export function checkAccess(keys: ApiKeys, headers: Headers, need: Access): AccessDecision {
  return checkKey(keys, presentedKey(headers), need);
}

/** `checkAccess` for a key a protocol carries elsewhere (a SigV4 credential's access key id). */
export function checkKey(keys: ApiKeys, key: string | undefined, need: Access): AccessDecision {
  if (keys.ingestKeys.length === 0 && keys.queryKeys.length === 0) return 'allowed';
  if (key === undefined) return 'missing';
  if (keys.queryKeys.includes(key)) return 'allowed';
  return need === 'ingest' && keys.ingestKeys.includes(key) ? 'allowed' : 'denied';
}

/** The key a request presents: Honeycomb's header, a Bearer token, `X-Api-Key`, or a SigV4 access key id. */
export function presentedKey(headers: Headers): string | undefined {
  const team = headers.get('x-honeycomb-team');
  if (team) return team.trim();
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.get('authorization') ?? '');
  if (bearer?.[1]) return bearer[1].trim();
  const apiKey = headers.get('x-api-key')?.trim();
  if (apiKey) return apiKey;
  // AWS SDK clients (X-Ray, CloudWatch Logs) can only present a key as their access key id.
  return sigV4Credential(headers.get('authorization') ?? undefined)?.accessKeyId;
}

/** What `GET /1/auth` reports for the presented key. */
export function keyAccess(keys: ApiKeys, headers: Headers): Access | undefined {
  if (checkAccess(keys, headers, 'query') === 'allowed') return 'query';
  if (checkAccess(keys, headers, 'ingest') === 'allowed') return 'ingest';
  return undefined;
}
