import { z } from 'zod';

export const ROLLBAR_SCOPES = ['post_server_item', 'post_client_item', 'read', 'write'] as const;
export type RollbarScope = (typeof ROLLBAR_SCOPES)[number];

/** Project access tokens and what each may do. */
export type RollbarTokens = ReadonlyMap<string, ReadonlySet<RollbarScope>>;

/** A token named without scopes may only post items. */
const DEFAULT_SCOPES: readonly RollbarScope[] = ['post_server_item', 'post_client_item'];

/**
 * `OBSERVABILITY_ROLLBAR_TOKENS`: `token:scope+scope,token:scope`, e.g.
 * `srv123:post_server_item,web456:post_client_item,ops789:read+write`.
 */
export const rollbarTokensSchema = z
  .string()
  .optional()
  .transform((value, context): RollbarTokens => {
    const tokens = new Map<string, ReadonlySet<RollbarScope>>();
    for (const entry of (value ?? '').split(',').map((part) => part.trim())) {
      if (entry === '') continue;
      const [token = '', scopeList] = entry.split(':', 2).map((part) => part.trim());
      const scopes = scopeList ? scopeList.split('+').map((scope) => scope.trim()) : DEFAULT_SCOPES;
      const unknown = scopes.filter(
        (scope) => !(ROLLBAR_SCOPES as readonly string[]).includes(scope),
      );
      if (token === '' || unknown.length > 0) {
        context.addIssue({
          code: 'custom',
          message: `"${entry}" is not token:scope+scope with scopes among ${ROLLBAR_SCOPES.join(', ')}`,
        });
        return z.NEVER;
      }
      tokens.set(token, new Set(scopes as RollbarScope[]));
    }
    return tokens;
  });

/** Platforms a `post_client_item` token may report for: code running on users' devices. */
const CLIENT_PLATFORMS = new Set(['browser', 'android', 'ios', 'flash', 'client']);

export type RollbarTokenDecision = 'allowed' | 'missing' | 'invalid' | 'forbidden';

/**
 * Whether `token` may do `need`. With no tokens configured, and no server keys either, anything
 * goes (the loopback default). Server ingest keys also act as posting tokens and query keys as
 * tokens with every scope, so a server secured by keys is never open through this API.
 */
export function checkRollbarToken(
  tokens: RollbarTokens,
  keys: { readonly ingestKeys: readonly string[]; readonly queryKeys: readonly string[] },
  token: string | undefined,
  need: 'post' | 'read' | 'write',
  platform?: string | null,
): RollbarTokenDecision {
  if (tokens.size === 0 && keys.ingestKeys.length === 0 && keys.queryKeys.length === 0) {
    return 'allowed';
  }
  if (token === undefined || token === '') return 'missing';
  const scopes = tokens.get(token) ?? scopesOfKey(keys, token);
  if (scopes === undefined) return 'invalid';
  if (need !== 'post') return scopes.has(need) ? 'allowed' : 'forbidden';
  if (scopes.has('post_server_item')) return 'allowed';
  const fromClient = CLIENT_PLATFORMS.has((platform ?? '').toLowerCase());
  return fromClient && scopes.has('post_client_item') ? 'allowed' : 'forbidden';
}

function scopesOfKey(
  keys: { readonly ingestKeys: readonly string[]; readonly queryKeys: readonly string[] },
  token: string,
): ReadonlySet<RollbarScope> | undefined {
  if (keys.queryKeys.includes(token)) return new Set(ROLLBAR_SCOPES);
  if (keys.ingestKeys.includes(token)) return new Set(DEFAULT_SCOPES);
  return undefined;
}
