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
  if (keys.ingestKeys.length === 0 && keys.queryKeys.length === 0) return 'allowed';
  const key = presentedKey(headers);
  if (key === undefined) return 'missing';
  if (keys.queryKeys.includes(key)) return 'allowed';
  return need === 'ingest' && keys.ingestKeys.includes(key) ? 'allowed' : 'denied';
}

export function presentedKey(headers: Headers): string | undefined {
  const team = headers.get('x-honeycomb-team');
  if (team) return team.trim();
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.get('authorization') ?? '');
  if (bearer?.[1]) return bearer[1].trim();
  return headers.get('x-api-key')?.trim() || undefined;
}

/** What `GET /1/auth` reports for the presented key. */
export function keyAccess(keys: ApiKeys, headers: Headers): Access | undefined {
  if (checkAccess(keys, headers, 'query') === 'allowed') return 'query';
  if (checkAccess(keys, headers, 'ingest') === 'allowed') return 'ingest';
  return undefined;
}
