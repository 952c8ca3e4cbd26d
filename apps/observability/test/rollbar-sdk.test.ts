import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { rollbarTokensSchema } from '../src/http/rollbar-scopes.js';
import type { TraceId } from '../src/model/ids.js';
import { type RollbarLevel, report, rollbarFor, rollbarRead } from './support/rollbar-client.js';
import { startTestServer, stopAllServers } from './support/running-server.js';

afterEach(stopAllServers);

interface ItemJson {
  id: number;
  level: string;
  title: string;
  status: string;
  total_occurrences: number;
  environment: string;
  framework: string;
}
interface InstanceJson {
  id: number;
  item_id: number;
  data: {
    uuid: string;
    code_version?: string;
    body: { trace_chain: { exception: { class: string }; frames: { method: string }[] }[] };
  };
}

async function items(url: string): Promise<ItemJson[]> {
  return (await rollbarRead<{ items: ItemJson[] }>(url, 'items/')).items;
}

/** One throw site, so every error it makes is "the same error". */
function failToLoadUser(id: number): Error {
  return new TypeError(`user ${id} could not be loaded`);
}

describe('rollbar.js against the server', () => {
  it('stores a reported error as an item with its occurrence, answering the SDK with the uuid', async () => {
    const server = await startTestServer();
    const rollbar = rollbarFor(server.url, { codeVersion: 'abc123' });
    const { error, response } = await report(rollbar, 'error', failToLoadUser(7));
    expect(error).toBeNull();
    expect(response?.uuid).toMatch(/^[0-9a-f-]{36}$/);

    const [item] = await items(server.url);
    expect(item).toMatchObject({
      level: 'error',
      title: 'TypeError: user 7 could not be loaded',
      status: 'active',
      total_occurrences: 1,
      environment: 'test',
      framework: 'node-js',
    });
    const { instances } = await rollbarRead<{ instances: InstanceJson[] }>(
      server.url,
      `item/${item!.id}/instances`,
    );
    expect(instances).toHaveLength(1);
    const data = instances[0]!.data;
    expect(data.uuid).toBe(response?.uuid);
    expect(data.code_version).toBe('abc123');
    expect(data.body.trace_chain[0]?.exception).toMatchObject({ class: 'TypeError' });
    expect(data.body.trace_chain[0]?.frames.at(-1)?.method).toBe('failToLoadUser');
    const byUuid = await rollbarRead<ItemJson>(server.url, `item/?uuid=${response?.uuid}`);
    expect(byUuid.id).toBe(item!.id);
  });

  it('groups 1,000 identical errors into one item with 1,000 occurrences', async () => {
    const server = await startTestServer();
    const rollbar = rollbarFor(server.url);
    const answers = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => report(rollbar, 'error', failToLoadUser(i))),
    );
    expect(answers.filter((a) => a.error !== null)).toEqual([]);
    const all = await items(server.url);
    expect(all.map((i) => [i.title.startsWith('TypeError: user'), i.total_occurrences])).toEqual([
      [true, 1000],
    ]);
    const stored = await server.store.query('SELECT count(*)::INTEGER AS n FROM error_occurrences');
    expect(stored[0]?.n).toBe(1000);
  });

  it('keeps errors from different throw sites and different classes apart', async () => {
    const server = await startTestServer();
    const rollbar = rollbarFor(server.url);
    const elsewhere = () => new TypeError('user 1 could not be loaded');
    await report(rollbar, 'error', failToLoadUser(1));
    await report(rollbar, 'error', elsewhere());
    await report(rollbar, 'error', new RangeError('user 1 could not be loaded'));
    await report(rollbar, 'error', failToLoadUser(2));
    expect((await items(server.url)).map((i) => i.total_occurrences).sort()).toEqual([1, 1, 2]);
  });

  it('groups messages by their text with the data stripped, at the level they were sent', async () => {
    const server = await startTestServer();
    const rollbar = rollbarFor(server.url);
    await report(rollbar, 'info', 'cache miss for activity 1234');
    await report(rollbar, 'info', 'cache miss for activity 98765');
    const levels: RollbarLevel[] = ['critical', 'error', 'warning', 'debug'];
    for (const level of levels) await report(rollbar, level, `disk ${level} on volume`);
    const byTitle = Object.fromEntries(
      (await items(server.url)).map((i) => [i.title, [i.level, i.total_occurrences]]),
    );
    expect(byTitle).toEqual({
      'cache miss for activity 1234': ['info', 2],
      'disk critical on volume': ['critical', 1],
      'disk error on volume': ['error', 1],
      'disk warning on volume': ['warning', 1],
      'disk debug on volume': ['debug', 1],
    });
  });

  it('honours a fingerprint the reporter sets', async () => {
    const server = await startTestServer();
    const rollbar = rollbarFor(server.url);
    await report(rollbar, 'error', new Error('a'), { fingerprint: 'checkout-failures' });
    await report(rollbar, 'warning', 'b', { fingerprint: 'checkout-failures' });
    const all = await items(server.url);
    expect(all.map((i) => [i.title, i.level, i.total_occurrences])).toEqual([
      ['Error: a', 'error', 2],
    ]);
  });

  it('stores what the SDK scrubbed scrubbed: passwords, tokens, Authorization and cookies', async () => {
    const server = await startTestServer();
    const rollbar = rollbarFor(server.url);
    const app = express();
    app.use(express.json());
    app.post('/api/login', () => {
      throw new Error('login exploded');
    });
    app.use(rollbar.errorHandler());
    app.use(
      (
        _error: Error,
        _req: express.Request,
        res: express.Response,
        _next: express.NextFunction,
      ) => {
        res.status(500).send('oops');
      },
    );
    const api = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => api.once('listening', resolve));
    try {
      const { port } = api.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/login?token=query-secret&page=2`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer header-secret',
          cookie: 'sid=cookie-secret',
        },
        body: JSON.stringify({ username: 'ann', password: 'body-secret' }),
      });
      expect(res.status).toBe(500);
      await new Promise<void>((resolve) => rollbar.wait(resolve));
      await expect.poll(async () => (await items(server.url)).length).toBe(1);
    } finally {
      api.close();
    }
    const rows = await server.store.query('SELECT data_json, request_json FROM error_occurrences');
    const stored = JSON.stringify(rows);
    for (const secret of ['query-secret', 'header-secret', 'cookie-secret', 'body-secret']) {
      expect(stored).not.toContain(secret);
    }
    const request = JSON.parse(String(rows[0]?.request_json));
    expect(request.headers.authorization).toBe('********');
    expect(request.method).toBe('POST');
    expect(JSON.stringify(request)).toContain('ann');
  });

  it('links an occurrence to the trace it was reported in', async () => {
    const server = await startTestServer();
    const rollbar = rollbarFor(server.url);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await report(rollbar, 'error', new Error('db down'), {
      trace_id: traceId,
      span_id: '00f067aa0ba902b7',
    });
    const found = await server.store.errors.traceOccurrences(BigInt(`0x${traceId}`) as TraceId);
    expect(found.map((o) => [o.traceId, o.spanId, o.message])).toEqual([
      [traceId, '00f067aa0ba902b7', 'db down'],
    ]);
  });

  it('reactivates a resolved item when the error comes back', async () => {
    const server = await startTestServer();
    const rollbar = rollbarFor(server.url);
    await report(rollbar, 'error', failToLoadUser(1));
    const [item] = await items(server.url);
    const patched = await fetch(`${server.url}/api/1/item/${item!.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'resolved', resolved_in_version: 'v2' }),
    });
    expect(await patched.json()).toMatchObject({
      err: 0,
      result: { status: 'resolved', resolved_in_version: 'v2' },
    });
    await report(rollbar, 'error', failToLoadUser(2));
    expect(await items(server.url)).toMatchObject([{ status: 'active', total_occurrences: 2 }]);
  });

  it('posts with a configured token and is refused, storing nothing, with a wrong one', async () => {
    const server = await startTestServer({
      rollbarTokens: rollbarTokensSchema.parse('server-token:post_server_item,reader:read'),
    });
    const good = await report(
      rollbarFor(server.url, { accessToken: 'server-token' }),
      'error',
      new Error('ok'),
    );
    expect(good.error).toBeNull();
    const bad = await report(
      rollbarFor(server.url, { accessToken: 'wrong' }),
      'error',
      new Error('no'),
    );
    expect(bad.error?.message).toContain('invalid access token');
    const unscoped = await report(
      rollbarFor(server.url, { accessToken: 'reader' }),
      'error',
      new Error('no'),
    );
    expect(unscoped.error?.message).toContain('lacks the scope');
    const all = (await rollbarRead<{ items: ItemJson[] }>(server.url, 'items/', 'reader')).items;
    expect(all.map((i) => i.title)).toEqual(['Error: ok']);
  });

  it('accepts the API base URL as the endpoint, as older SDK setups give it', async () => {
    const server = await startTestServer();
    const rollbar = rollbarFor(server.url, { endpoint: `${server.url}/api/1/` });
    expect((await report(rollbar, 'info', 'hello')).error).toBeNull();
    expect((await items(server.url)).map((i) => i.title)).toEqual(['hello']);
  });
});
