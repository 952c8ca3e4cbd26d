import { describe, expect, it } from 'vitest';
import { checkAccess, keyAccess } from './auth.js';

const keys = { ingestKeys: ['ingest-1'], queryKeys: ['query-1'] };
const headers = (entries: Record<string, string>) => new Headers(entries);

describe('checkAccess', () => {
  it('lets everything through when no keys are configured', () => {
    expect(checkAccess({ ingestKeys: [], queryKeys: [] }, headers({}), 'query')).toBe('allowed');
  });

  it('lets an ingest key send but not read', () => {
    const h = headers({ 'x-honeycomb-team': 'ingest-1' });
    expect(checkAccess(keys, h, 'ingest')).toBe('allowed');
    expect(checkAccess(keys, h, 'query')).toBe('denied');
    expect(keyAccess(keys, h)).toBe('ingest');
  });

  it('lets a query key read and send, from a Bearer token or X-Api-Key', () => {
    expect(checkAccess(keys, headers({ authorization: 'Bearer query-1' }), 'query')).toBe(
      'allowed',
    );
    expect(checkAccess(keys, headers({ 'x-api-key': 'query-1' }), 'ingest')).toBe('allowed');
  });

  it("reads an AWS SDK client's key from its SigV4 credential (the access key id)", () => {
    const signed = headers({
      authorization:
        'AWS4-HMAC-SHA256 Credential=query-1/20261121/us-east-1/xray/aws4_request, SignedHeaders=host, Signature=00',
    });
    expect(checkAccess(keys, signed, 'query')).toBe('allowed');
  });

  it('tells a missing key from a wrong one', () => {
    expect(checkAccess(keys, headers({}), 'ingest')).toBe('missing');
    expect(checkAccess(keys, headers({ 'x-honeycomb-team': 'nope' }), 'ingest')).toBe('denied');
    expect(keyAccess(keys, headers({ 'x-honeycomb-team': 'nope' }))).toBeUndefined();
  });
});
