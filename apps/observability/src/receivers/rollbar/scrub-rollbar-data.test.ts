import { describe, expect, it } from 'vitest';
import { SCRUBBED, scrubPairs, scrubRollbarData } from './scrub-rollbar-data.js';

describe('scrubRollbarData', () => {
  it('masks secret-named keys at any depth, whatever their case, and leaves the rest', () => {
    const data = {
      environment: 'test',
      custom: { Password: 'hunter2', nested: [{ api_key: 'k1', 'token[]': 't' }], user: 'ann' },
      request: {
        headers: { Authorization: 'Bearer abc', Cookie: 'sid=1', 'x-request-id': 'r1' },
        POST: { passwd: 'p', name: 'ann' },
      },
    };
    scrubRollbarData(data);
    expect(data).toEqual({
      environment: 'test',
      custom: {
        Password: SCRUBBED,
        nested: [{ api_key: SCRUBBED, 'token[]': SCRUBBED }],
        user: 'ann',
      },
      request: {
        headers: { Authorization: SCRUBBED, Cookie: SCRUBBED, 'x-request-id': 'r1' },
        POST: { passwd: SCRUBBED, name: 'ann' },
      },
    });
  });

  it('masks secret pairs in the request URL and query string', () => {
    const data = {
      request: {
        url: 'http://x/login?user=ann&password=hunter2#top',
        query_string: 'token=abc&page=2',
      },
    };
    scrubRollbarData(data);
    expect(data.request).toEqual({
      url: `http://x/login?user=ann&password=${SCRUBBED}#top`,
      query_string: `token=${SCRUBBED}&page=2`,
    });
  });

  it('leaves a pair whose name only ends like a secret', () => {
    expect(scrubPairs('notoken=1&mytoken=2')).toBe('notoken=1&mytoken=2');
  });
});
