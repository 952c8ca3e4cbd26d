import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { rollbarTokensSchema } from '../src/http/rollbar-scopes.js';
import type { RunningServer } from '../src/server.js';
import { startTestServer, stopAllServers } from './support/running-server.js';

afterEach(stopAllServers);

const MIB = 1024 * 1024;

function item(data: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    data: {
      environment: 'test',
      body: {
        trace: {
          frames: [{ filename: '/srv/app/src/a.ts', method: 'run', lineno: 1 }],
          exception: { class: 'Error', message: 'boom' },
        },
      },
      ...data,
    },
  };
}

async function post(
  server: RunningServer,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
  path = '/api/1/item/',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function stored(server: RunningServer): Promise<{ items: number; occurrences: number }> {
  const [row] = await server.store.query(
    `SELECT (SELECT count(*) FROM error_items)::INTEGER AS items,
            (SELECT coalesce(sum(total_occurrences), 0) FROM error_items)::INTEGER AS counted,
            (SELECT count(*) FROM error_occurrences)::INTEGER AS occurrences`,
  );
  // The items' counters and the occurrences must agree after any request.
  expect(row?.counted).toBe(row?.occurrences);
  return { items: Number(row?.items), occurrences: Number(row?.occurrences) };
}

/** A server holding one good occurrence, so "untouched" means something. */
async function seededServer(overrides = {}): Promise<RunningServer> {
  const server = await startTestServer(overrides);
  const seeded = await post(server, JSON.stringify(item()), { 'x-rollbar-access-token': 'srv' });
  expect(seeded.status).toBe(200);
  return server;
}

describe('Rollbar item API: bad input', () => {
  it.each([
    ['malformed JSON', '{"data": {"environment": "test",'],
    ['a truncated payload', JSON.stringify(item()).slice(0, 60)],
    ['an empty body', ''],
    ['a JSON array', '[]'],
    ['a JSON string', '"data"'],
    ['JSON null', 'null'],
  ])('answers 400 in Rollbar shape for %s, storing nothing', async (_name, body) => {
    const server = await seededServer();
    const answer = await post(server, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ err: 1, message: expect.any(String) });
    expect(await stored(server)).toEqual({ items: 1, occurrences: 1 });
  });

  it.each([
    ['no data', {}, 'data'],
    ['no environment', { data: { body: { message: { body: 'x' } } } }, 'data.environment'],
    ['no body', { data: { environment: 'test' } }, 'data.body'],
    ['an empty body', item({ body: {} }), 'data.body'],
    [
      'two bodies',
      item({ body: { message: { body: 'x' }, crash_report: { raw: 'y' } } }),
      'data.body',
    ],
    ['a number for the environment', item({ environment: 5 }), 'data.environment'],
    [
      'frames that are not a list',
      item({ body: { trace: { frames: 'x', exception: { class: 'E' } } } }),
      'data.body.trace.frames',
    ],
    [
      'an exception without a class',
      item({ body: { trace: { frames: [], exception: {} } } }),
      'data.body.trace.exception.class',
    ],
    [
      'a message body that is not text',
      item({ body: { message: { body: { a: 1 } } } }),
      'data.body.message.body',
    ],
    ['a numeric level', item({ level: 40 }), 'data.level'],
    ['an unknown level', item({ level: 'loud' }), 'data.level'],
    ['a textual timestamp', item({ timestamp: 'now' }), 'data.timestamp'],
    ['a uuid past 36 characters', item({ uuid: 'u'.repeat(37) }), 'data.uuid'],
    ['a person that is not an object', item({ person: 'ann' }), 'data.person'],
  ])('answers 422 naming the field for %s, storing nothing', async (_name, payload, field) => {
    const server = await seededServer();
    const answer = await post(server, JSON.stringify(payload));
    expect(answer.status).toBe(422);
    expect(answer.body.err).toBe(1);
    expect(String(answer.body.message)).toContain(field);
    expect(await stored(server)).toEqual({ items: 1, occurrences: 1 });
  });

  it('answers 413 past 1 MiB, declared or streamed, and for a gzip bomb', async () => {
    const server = await seededServer();
    const big = JSON.stringify(item({ custom: { pad: 'x'.repeat(MIB) } }));
    expect((await post(server, big)).status).toBe(413);
    const streamed = await fetch(`${server.url}/api/1/item/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          // Just past the limit: the server has read it all when it answers, so no upload
          // races the answer.
          for (let i = 0; i < 17; i++)
            controller.enqueue(new TextEncoder().encode(' '.repeat(64 * 1024)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toEqual({
      err: 1,
      message: expect.stringContaining('too large'),
    });
    const bomb = gzipSync(Buffer.from(' '.repeat(64 * MIB)));
    expect((await post(server, bomb, { 'content-encoding': 'gzip' })).status).toBe(413);
    expect(await stored(server)).toEqual({ items: 1, occurrences: 1 });
  });

  it('reads gzip bodies, and refuses corrupt gzip and unknown encodings', async () => {
    const server = await seededServer();
    const gz = gzipSync(Buffer.from(JSON.stringify(item({ uuid: 'gzipped' }))));
    expect((await post(server, gz, { 'content-encoding': 'gzip' })).status).toBe(200);
    const corrupt = await post(server, gz.subarray(0, gz.length - 8), {
      'content-encoding': 'gzip',
    });
    expect(corrupt).toEqual({ status: 400, body: { err: 1, message: expect.any(String) } });
    expect((await post(server, 'x', { 'content-encoding': 'br' })).status).toBe(415);
    expect(await stored(server)).toEqual({ items: 1, occurrences: 2 });
  });

  it('refuses JSON nested deeper than 64 levels with 422', async () => {
    const server = await seededServer();
    const deep = `{"data":{"environment":"t","body":{"message":{"body":"x"}},"custom":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}}`;
    const answer = await post(server, deep);
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({ err: 1, message: expect.stringContaining('deeper') });
    expect(await stored(server)).toEqual({ items: 1, occurrences: 1 });
  });

  it('stores hostile strings as text, exactly, with the title cut to 255 characters', async () => {
    const server = await seededServer();
    const hostile = `<script>alert(1)</script>\u0000\u202e\ud800 '; DROP TABLE error_items; --${'é'.repeat(100_000)}`;
    const answer = await post(
      server,
      JSON.stringify(
        item({
          uuid: 'hostile',
          environment: '<b>env</b>',
          body: { message: { body: hostile } },
          custom: { [hostile.slice(0, 40)]: hostile },
        }),
      ),
    );
    expect(answer).toEqual({
      status: 200,
      body: { err: 0, result: { id: null, uuid: 'hostile' } },
    });
    const occurrence = await server.store.errors.occurrence({ uuid: 'hostile' });
    // A lone surrogate is not valid UTF-8: it is kept as JSON escapes in the payload.
    const data = occurrence?.data as { body: { message: { body: string } } } | undefined;
    expect(data?.body.message.body).toBe(hostile);
    const item0 = await server.store.errors.item(occurrence!.itemId);
    expect([...(item0?.title ?? '')]).toHaveLength(255);
    expect(item0?.environment).toBe('<b>env</b>');
    expect(await stored(server)).toEqual({ items: 2, occurrences: 2 });
  });

  it('treats a re-delivered uuid as done: same answer, nothing counted twice', async () => {
    const server = await seededServer();
    const payload = JSON.stringify(item({ uuid: 'f5f0a8d2-34a7-4ed2-9d3b-1c1e0d8a9b11' }));
    const first = await post(server, payload);
    const again = await post(server, payload);
    expect(again).toEqual(first);
    expect(await stored(server)).toEqual({ items: 1, occurrences: 2 });
  });

  it('accepts the legacy form body with the JSON in "payload"', async () => {
    const server = await seededServer();
    const form = new URLSearchParams({
      payload: JSON.stringify(item({ uuid: 'form' })),
    }).toString();
    const answer = await post(server, form, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(answer).toEqual({ status: 200, body: { err: 0, result: { id: null, uuid: 'form' } } });
  });

  it('scrubs secrets a reporter left in, and never stores the access token', async () => {
    const server = await seededServer();
    await post(
      server,
      JSON.stringify({
        access_token: 'body-token-secret',
        ...item({
          uuid: 'leaky',
          request: {
            url: '/login?password=url-secret',
            headers: { Authorization: 'Bearer header-secret' },
          },
          custom: { db: { password: 'custom-secret' } },
        }),
      }),
    );
    const [row] = await server.store.query(
      "SELECT data_json, request_json FROM error_occurrences WHERE uuid = 'leaky'",
    );
    const text = JSON.stringify(row);
    for (const secret of ['body-token-secret', 'url-secret', 'header-secret', 'custom-secret']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('********');
  });
});

describe('Rollbar item API: tokens', () => {
  const tokens = rollbarTokensSchema.parse(
    'srv:post_server_item,web:post_client_item,reader:read,writer:write',
  );

  it.each([
    ['no token', {}, item(), 'access token required'],
    ['an unknown token', { 'x-rollbar-access-token': 'guess' }, item(), 'invalid access token'],
    ['a read token', { 'x-rollbar-access-token': 'reader' }, item(), 'lacks the scope'],
    [
      'a client token for a server platform',
      { 'x-rollbar-access-token': 'web' },
      item({ platform: 'linux' }),
      'lacks the scope',
    ],
    [
      'an unknown token in the body',
      {},
      { ...item(), access_token: 'guess' },
      'invalid access token',
    ],
  ])('refuses a post with %s: 403, nothing stored', async (_name, headers, payload, message) => {
    const server = await seededServer({ rollbarTokens: tokens });
    const answer = await post(server, JSON.stringify(payload), headers);
    expect(answer).toEqual({
      status: 403,
      body: { err: 1, message: expect.stringContaining(message) },
    });
    expect(await stored(server)).toEqual({ items: 1, occurrences: 1 });
  });

  it('takes a client token for browser items, and a token in the body', async () => {
    const server = await seededServer({ rollbarTokens: tokens });
    const browser = await post(server, JSON.stringify(item({ platform: 'browser' })), {
      'x-rollbar-access-token': 'web',
    });
    expect(browser.status).toBe(200);
    const inBody = await post(server, JSON.stringify({ ...item(), access_token: 'srv' }));
    expect(inBody.status).toBe(200);
    expect(await stored(server)).toEqual({ items: 1, occurrences: 3 });
  });

  it('reads with a read token only, and changes items with a write token only', async () => {
    const server = await seededServer({ rollbarTokens: tokens });
    const get = (path: string, token?: string) =>
      fetch(`${server.url}/api/1/${path}`, {
        headers: token ? { 'x-rollbar-access-token': token } : {},
      });
    expect((await get('items/')).status).toBe(403);
    expect((await get('items/', 'srv')).status).toBe(403);
    expect((await get('item/1', 'writer')).status).toBe(403);
    expect((await get('items/', 'reader')).status).toBe(200);
    expect((await get('items/?access_token=reader')).status).toBe(200);
    const patch = (token: string) =>
      fetch(`${server.url}/api/1/item/1`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-rollbar-access-token': token },
        body: JSON.stringify({ status: 'muted' }),
      });
    const refused = await patch('reader');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ err: 1, message: expect.any(String) });
    expect((await server.store.errors.item(1))?.status).toBe('active');
    expect((await patch('writer')).status).toBe(200);
    expect((await server.store.errors.item(1))?.status).toBe('muted');
  });
});

describe('Rollbar read API: bad input', () => {
  it.each([
    ['GET', 'item/999', undefined, 404],
    ['GET', 'item/abc', undefined, 404],
    ['GET', 'item/999/instances', undefined, 404],
    ['GET', 'instance/999', undefined, 404],
    ['GET', 'item/?uuid=missing', undefined, 404],
    ['GET', 'nothing-here', undefined, 404],
    ['PATCH', 'item/999', '{"status":"resolved"}', 404],
    ['PATCH', 'item/1', '{"status":"archived"}', 422],
    ['PATCH', 'item/1', '{"colour":"red"}', 422],
    ['PATCH', 'item/1', '{"resolved_in_version":"v1"}', 422],
    ['PATCH', 'item/1', '{"status":', 400],
  ])(
    '%s %s %s answers %i in Rollbar shape, changing nothing',
    async (method, path, body, status) => {
      const server = await seededServer();
      const before = await server.store.errors.item(1);
      const res = await fetch(`${server.url}/api/1/${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body ? { body } : {}),
      });
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual({ err: 1, message: expect.any(String) });
      expect(await server.store.errors.item(1)).toEqual(before);
    },
  );
});

describe('Rollbar API: browsers', () => {
  it('lets the configured front end post items cross-origin, and no one read', async () => {
    const server = await seededServer();
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/1/item/`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-rollbar-access-token',
        },
      });
    const allowed = await preflight('http://localhost:3000');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('x-rollbar-access-token');
    expect(
      (await preflight('http://evil.example')).headers.get('access-control-allow-origin'),
    ).toBeNull();
    const posted = await fetch(`${server.url}/api/1/item/`, {
      method: 'POST',
      headers: { origin: 'http://localhost:3000', 'content-type': 'application/json' },
      body: JSON.stringify(item({ platform: 'browser' })),
    });
    expect(posted.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    const read = await fetch(`${server.url}/api/1/items/`, {
      headers: { origin: 'http://localhost:3000' },
    });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });
});
