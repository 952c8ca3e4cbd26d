import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonToProtobuf } from '../src/receivers/otlp/otlp-protobufjs.testing.js';
import { spanJson, traceRequestJson } from '../src/receivers/otlp/otlp-requests.testing.js';
import type { RunningServer } from '../src/server.js';
import { startTestServer, stopAllServers } from './support/running-server.js';

const TRACE_ID = '0123456789abcdef0123456789abcdef';

function recentSpan(overrides: Record<string, unknown>) {
  const now = BigInt(Date.now()) * 1_000_000n;
  return spanJson({
    traceId: TRACE_ID,
    startTimeUnixNano: String(now),
    endTimeUnixNano: String(now + 1_000_000n),
    ...overrides,
  });
}

describe('read APIs', () => {
  let server: RunningServer;
  const getJson = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${server.url}${path}`, init);
    return { status: res.status, body: (await res.json()) as unknown };
  };

  beforeAll(async () => {
    server = await startTestServer();
    const body = traceRequestJson([
      recentSpan({
        spanId: '00000000000000a1',
        name: 'root',
        attributes: [{ key: 'app.userId', value: { stringValue: 'worf' } }],
      }),
      recentSpan({
        spanId: '00000000000000b2',
        parentSpanId: '00000000000000a1',
        name: 'db',
        kind: 3,
        status: { code: 2, message: 'timeout' },
      }),
    ]);
    const res = await fetch(`${server.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: jsonToProtobuf('traces', body),
    });
    expect(res.status).toBe(200);
  });
  afterAll(stopAllServers);

  it('serves a trace in the waterfall shape', async () => {
    const { status, body } = await getJson(`/api/traces/${TRACE_ID.toUpperCase()}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      traceId: TRACE_ID,
      spans: [
        {
          spanId: '00000000000000a1',
          parentSpanId: null,
          name: 'root',
          service: 'svc',
          kind: 'server',
          status: { code: 'unset' },
          attributes: { 'app.userId': 'worf' },
          resource: { 'service.name': 'svc' },
          source: 'otlp',
        },
        {
          spanId: '00000000000000b2',
          parentSpanId: '00000000000000a1',
          kind: 'client',
          status: { code: 'error', message: 'timeout' },
        },
      ],
    });
    const [first] = (body as { spans: { startTimeUnixNano: unknown; durationMs: unknown }[] })
      .spans;
    expect(first?.startTimeUnixNano).toMatch(/^\d{19}$/);
    expect(first?.durationMs).toBe(1);
  });

  it('answers 400 for a malformed trace id and 404 for an unknown one', async () => {
    expect((await getJson('/api/traces/xyz')).status).toBe(400);
    expect((await getJson(`/api/traces/${'0'.repeat(32)}`)).status).toBe(400);
    expect((await getJson(`/api/traces/${'f'.repeat(32)}`)).status).toBe(404);
  });

  it('lists datasets and typed columns, fixed span fields included', async () => {
    const datasets = (await getJson('/1/datasets')).body as {
      name: string;
      last_written_at: string;
    }[];
    expect(datasets.map((d) => d.name)).toEqual(['svc']);
    const columns = (await getJson('/1/columns/svc')).body as { key_name: string; type: string }[];
    const types = Object.fromEntries(columns.map((c) => [c.key_name, c.type]));
    expect(types).toMatchObject({
      'app.userId': 'string',
      duration_ms: 'float',
      error: 'boolean',
      'trace.trace_id': 'string',
      'span.kind': 'string',
    });
    expect((await getJson('/1/columns/svc?key_name=app.userId')).body).toMatchObject({
      key_name: 'app.userId',
    });
    expect((await getJson('/1/columns/nowhere')).status).toBe(404);
  });

  it('answers an invalid query spec with 400 naming the field', async () => {
    const post = (spec: unknown) =>
      getJson('/1/queries/svc', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(spec),
      });
    expect(await post({ calculations: [{ op: 'AVG', column: 'app.userId' }] })).toMatchObject({
      status: 400,
      body: { field: 'calculations[0].column' },
    });
    expect(await post({ calculations: [{ op: 'MEDIAN' }] })).toMatchObject({
      status: 400,
      body: { field: 'calculations[0].op' },
    });
    expect(await post({ time_range: -5 })).toMatchObject({
      status: 400,
      body: { field: 'time_range' },
    });
    expect(await post({ orders: [{ column: 'name', order: 'ascending' }] })).toMatchObject({
      status: 400,
      body: { field: 'orders[0]' },
    });
  });

  it('saves a query, runs it, and serves both again by id', async () => {
    const spec = {
      time_range: 600,
      calculations: [{ op: 'COUNT' }],
      filters: [{ column: 'error', op: '=', value: true }],
    };
    const created = (
      await getJson('/1/queries/svc', { method: 'POST', body: JSON.stringify(spec) })
    ).body as { id: string };
    expect((await getJson(`/1/queries/svc/${created.id}`)).body).toEqual({
      ...spec,
      id: created.id,
    });
    const run = await getJson('/1/query_results/svc', {
      method: 'POST',
      body: JSON.stringify({ query_id: created.id }),
    });
    expect(run.status).toBe(201);
    const result = (await getJson(`/1/query_results/svc/${(run.body as { id: string }).id}`)).body;
    expect(result).toMatchObject({
      complete: true,
      query_id: created.id,
      data: { results: [{ data: { COUNT: 1 } }] },
    });
    expect(
      (
        await getJson('/1/query_results/svc', {
          method: 'POST',
          body: JSON.stringify({ query_id: 'nope' }),
        })
      ).status,
    ).toBe(404);
    expect((await getJson('/1/query_results/svc/nope')).status).toBe(404);
  });

  it('gives an identical query the same id and stores it once, as queries are immutable', async () => {
    const create = async (spec: object) =>
      (await getJson('/1/queries/svc', { method: 'POST', body: JSON.stringify(spec) })).body as {
        id: string;
      };
    const first = await create({
      calculations: [{ op: 'MAX', column: 'duration_ms' }],
      time_range: 60,
    });
    const again = await create({
      time_range: 60,
      calculations: [{ column: 'duration_ms', op: 'MAX' }],
    });
    const other = await create({
      calculations: [{ op: 'MAX', column: 'duration_ms' }],
      time_range: 61,
    });
    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    expect(
      await server.store.query('SELECT count(*)::INTEGER AS n FROM saved_queries WHERE id = $1', [
        first.id,
      ]),
    ).toEqual([{ n: 1 }]);
  });

  it('reports the key\u2019s access on /1/auth', async () => {
    expect((await getJson('/1/auth')).body).toMatchObject({
      api_key_access: { events: true, queries: true },
      environment: { slug: 'local' },
    });
  });
});

describe('API keys', () => {
  afterAll(stopAllServers);

  it('lets ingest keys only send and query keys read', async () => {
    const server = await startTestServer({ ingestKeys: ['ingest-key'], queryKeys: ['query-key'] });
    const body = JSON.stringify(traceRequestJson([recentSpan({ spanId: '00000000000000c3' })]));
    const send = (headers: Record<string, string>) =>
      fetch(`${server.url}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    expect((await send({})).status).toBe(401);
    expect((await send({ 'x-honeycomb-team': 'wrong' })).status).toBe(403);
    expect((await send({ 'x-honeycomb-team': 'ingest-key' })).status).toBe(200);
    const read = (key: string) =>
      fetch(`${server.url}/api/traces/${TRACE_ID}`, { headers: { 'x-honeycomb-team': key } });
    expect((await read('ingest-key')).status).toBe(403);
    expect((await read('query-key')).status).toBe(200);
    const auth = await fetch(`${server.url}/1/auth`, {
      headers: { 'x-honeycomb-team': 'ingest-key' },
    });
    expect(await auth.json()).toMatchObject({ api_key_access: { events: true, queries: false } });
    expect((await fetch(`${server.url}/1/auth`)).status).toBe(401);
  });
});
