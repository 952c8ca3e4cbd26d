import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { checkRollbarToken, rollbarTokensSchema } from './rollbar-scopes.js';

const NO_KEYS = { ingestKeys: [], queryKeys: [] };
const tokens = rollbarTokensSchema.parse(
  'srv:post_server_item, web:post_client_item,ops:read+write,bare',
);

describe('rollbarTokensSchema', () => {
  it('reads token:scope+scope lists; a bare token may only post', () => {
    expect([...tokens.entries()].map(([t, s]) => [t, [...s]])).toEqual([
      ['srv', ['post_server_item']],
      ['web', ['post_client_item']],
      ['ops', ['read', 'write']],
      ['bare', ['post_server_item', 'post_client_item']],
    ]);
  });

  it('refuses unknown scopes', () => {
    expect(rollbarTokensSchema.safeParse('t:post_item').success).toBe(false);
  });
});

describe('checkRollbarToken', () => {
  it('allows anything when no tokens and no server keys are configured', () => {
    expect(checkRollbarToken(new Map(), NO_KEYS, undefined, 'write')).toBe('allowed');
  });

  it('tells missing, unknown and under-scoped tokens apart', () => {
    expect(checkRollbarToken(tokens, NO_KEYS, undefined, 'post')).toBe('missing');
    expect(checkRollbarToken(tokens, NO_KEYS, 'nope', 'post')).toBe('invalid');
    expect(checkRollbarToken(tokens, NO_KEYS, 'srv', 'read')).toBe('forbidden');
    expect(checkRollbarToken(tokens, NO_KEYS, 'ops', 'post')).toBe('forbidden');
    expect(checkRollbarToken(tokens, NO_KEYS, 'ops', 'write')).toBe('allowed');
  });

  it('lets a client token post only for client platforms', () => {
    expect(checkRollbarToken(tokens, NO_KEYS, 'web', 'post', 'browser')).toBe('allowed');
    expect(checkRollbarToken(tokens, NO_KEYS, 'web', 'post', 'linux')).toBe('forbidden');
    expect(checkRollbarToken(tokens, NO_KEYS, 'web', 'post', undefined)).toBe('forbidden');
    expect(checkRollbarToken(tokens, NO_KEYS, 'srv', 'post', 'browser')).toBe('allowed');
  });

  it('treats ingest keys as posting tokens and query keys as every scope', () => {
    const keys = { ingestKeys: ['ing'], queryKeys: ['qry'] };
    expect(checkRollbarToken(new Map(), keys, 'ing', 'post', 'linux')).toBe('allowed');
    expect(checkRollbarToken(new Map(), keys, 'ing', 'read')).toBe('forbidden');
    expect(checkRollbarToken(new Map(), keys, 'qry', 'write')).toBe('allowed');
    expect(checkRollbarToken(new Map(), keys, undefined, 'post')).toBe('missing');
  });
});

describe('configuration', () => {
  it('reads tokens from OBSERVABILITY_ROLLBAR_TOKENS or --rollbar-tokens', () => {
    const fromEnv = loadConfig([], { OBSERVABILITY_ROLLBAR_TOKENS: 'ops:read+write' });
    expect([...(fromEnv.rollbarTokens?.get('ops') ?? [])]).toEqual(['read', 'write']);
    const fromFlag = loadConfig(['--rollbar-tokens', 'srv:post_server_item'], {});
    expect(fromFlag.rollbarTokens?.has('srv')).toBe(true);
    expect(loadConfig([], {}).rollbarTokens).toBeUndefined();
  });

  it('refuses to start with an unknown scope', () => {
    expect(() => loadConfig([], { OBSERVABILITY_ROLLBAR_TOKENS: 'srv:admin' })).toThrow(
      ConfigError,
    );
  });
});
