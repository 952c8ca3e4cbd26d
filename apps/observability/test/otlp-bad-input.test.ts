import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ExportResponseType,
  jsonToProtobuf,
  RpcStatusType,
} from '../src/receivers/otlp/otlp-protobufjs.testing.js';
import { spanJson, traceRequestJson } from '../src/receivers/otlp/otlp-requests.testing.js';
import type { RunningServer } from '../src/server.js';
import { runHoneycombQuery } from './support/honeycomb-client.js';
import { startTestServer, stopAllServers } from './support/running-server.js';

const PROTO = { 'content-type': 'application/x-protobuf' };
const JSON_TYPE = { 'content-type': 'application/json' };

let counter = 0;
/** A span with a fresh id in a dataset of its own, so each test counts only what it sent. */
function span(overrides: Record<string, unknown> = {}) {
  counter++;
  const now = BigInt(Date.now()) * 1_000_000n;
  return spanJson({
    spanId: (0x1000000000000000n + BigInt(counter)).toString(16),
    startTimeUnixNano: String(now),
    endTimeUnixNano: String(now + 2_000_000n),
    ...overrides,
  });
}

function request(service: string, spans: object[]) {
  const body = traceRequestJson(spans) as {
    resourceSpans: { resource: { attributes: object[] } }[];
  };
  body.resourceSpans[0]!.resource.attributes = [
    { key: 'service.name', value: { stringValue: service } },
  ];
  return body;
}

describe('OTLP receiver with bad input', () => {
  let server: RunningServer;
  const post = (
    body: NonNullable<RequestInit['body']>,
    headers: Record<string, string>,
    path = '/v1/traces',
  ) => fetch(`${server.url}${path}`, { method: 'POST', headers, body });
  const count = async (dataset: string): Promise<number> => {
    const datasets = (await (await fetch(`${server.url}/1/datasets`)).json()) as { name: string }[];
    if (!datasets.some((d) => d.name === dataset)) return 0;
    const data = await runHoneycombQuery(server.url, dataset, {
      time_range: 600,
      calculations: [{ op: 'COUNT' }],
    });
    return Number(data.results[0]?.data.COUNT ?? 0);
  };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(stopAllServers);

  it('answers malformed protobuf with 400 and a protobuf google.rpc.Status', async () => {
    const res = await post(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]), PROTO);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    const status = RpcStatusType.toObject(
      RpcStatusType.decode(new Uint8Array(await res.arrayBuffer())),
    ) as {
      code: number;
      message: string;
    };
    expect(status.code).toBe(3);
    expect(status.message.length).toBeGreaterThan(0);
  });

  it('answers malformed JSON with 400 and a JSON status naming the problem', async () => {
    const res = await post('{"resourceSpans": [', JSON_TYPE);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/JSON/i);
  });

  it('answers an unknown content type with 415', async () => {
    const res = await post('hello', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { message: string }).message).toMatch(/application\/x-protobuf/);
  });

  it('answers truncated gzip with 400 and stores nothing', async () => {
    const gz = gzipSync(JSON.stringify(request('truncated-gzip', [span()])));
    const res = await post(gz.subarray(0, gz.length - 10), {
      ...JSON_TYPE,
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(400);
    expect(await count('truncated-gzip')).toBe(0);
  });

  it('accepts gzip bodies in both encodings', async () => {
    const body = request('gzipped', [span(), span()]);
    expect(
      (await post(gzipSync(JSON.stringify(body)), { ...JSON_TYPE, 'content-encoding': 'gzip' }))
        .status,
    ).toBe(200);
    const proto = jsonToProtobuf('traces', request('gzipped', [span()]));
    expect((await post(gzipSync(proto), { ...PROTO, 'content-encoding': 'gzip' })).status).toBe(
      200,
    );
    expect(await count('gzipped')).toBe(3);
  });

  it('rejects spans with ids of the wrong length one by one and stores the rest (partial success)', async () => {
    const body = request('partial', [
      span(),
      span({ traceId: 'abcd' }),
      span({ spanId: '00000000000000000000' }),
      span(),
    ]);
    const res = await post(jsonToProtobuf('traces', body), PROTO);
    expect(res.status).toBe(200);
    const decoded = ExportResponseType.toObject(
      ExportResponseType.decode(new Uint8Array(await res.arrayBuffer())),
      {
        longs: String,
      },
    ) as { partialSuccess?: { rejected?: string; errorMessage?: string } };
    expect(decoded.partialSuccess?.rejected).toBe('2');
    expect(decoded.partialSuccess?.errorMessage).toMatch(/trace_id|span_id/);
    const json = await post(
      JSON.stringify(request('partial', [span({ spanId: 'zz' }), span()])),
      JSON_TYPE,
    );
    expect(await json.json()).toMatchObject({ partialSuccess: { rejectedSpans: '1' } });
    expect(await count('partial')).toBe(3);
  });

  it('keeps NaN and huge numbers and every AnyValue kind, nested arrays and kvlists included', async () => {
    const attributes = [
      { key: 'nan', value: { doubleValue: 'NaN' } },
      { key: 'inf', value: { doubleValue: 'Infinity' } },
      { key: 'big', value: { intValue: '9223372036854775807' } },
      { key: 'flag', value: { boolValue: true } },
      { key: 'bytes', value: { bytesValue: Buffer.from('hi').toString('base64') } },
      { key: 'empty', value: {} },
      {
        key: 'list',
        value: {
          arrayValue: {
            values: [{ intValue: 1 }, { arrayValue: { values: [{ stringValue: 'x' }] } }],
          },
        },
      },
      {
        key: 'map',
        value: {
          kvlistValue: {
            values: [
              {
                key: 'inner',
                value: { kvlistValue: { values: [{ key: 'k', value: { boolValue: false } }] } },
              },
            ],
          },
        },
      },
    ];
    const sent = span({ traceId: 'fedcba98765432100123456789abcdef', attributes });
    expect((await post(JSON.stringify(request('anyvalue', [sent])), JSON_TYPE)).status).toBe(200);
    const trace = (await (
      await fetch(`${server.url}/api/traces/fedcba98765432100123456789abcdef`)
    ).json()) as {
      spans: { attributes: Record<string, unknown> }[];
    };
    expect(trace.spans[0]?.attributes).toMatchObject({
      nan: 'NaN',
      inf: 'Infinity',
      big: '9223372036854775807',
      flag: true,
      bytes: 'aGk=',
      list: [1, ['x']],
      map: { inner: { k: false } },
    });
    const huge = await post(
      JSON.stringify(
        request('anyvalue', [
          span({ attributes: [{ key: 'x', value: { intValue: '99999999999999999999' } }] }),
        ]),
      ),
      JSON_TYPE,
    );
    expect([200, 400]).toContain(huge.status);
    if (huge.status === 200) expect(await huge.json()).toMatchObject({ partialSuccess: {} });
  });

  it('caps 10k attributes on one span and cuts 1 MB strings, saying so as a warning', async () => {
    const attributes = Array.from({ length: 10_000 }, (_, i) => ({
      key: `k${i}`,
      value: { intValue: i },
    }));
    attributes.push({ key: 'huge', value: { stringValue: 'x'.repeat(1024 * 1024) } } as never);
    const res = await post(
      jsonToProtobuf('traces', request('wide', [span({ attributes })])),
      PROTO,
    );
    expect(res.status).toBe(200);
    const decoded = ExportResponseType.toObject(
      ExportResponseType.decode(new Uint8Array(await res.arrayBuffer())),
      {
        longs: String,
      },
    ) as { partialSuccess?: { rejected?: string; errorMessage?: string } };
    expect(decoded.partialSuccess?.errorMessage).toMatch(/attribute/);
    expect(await count('wide')).toBe(1);
    const columns = (await (await fetch(`${server.url}/1/columns/wide`)).json()) as {
      key_name: string;
    }[];
    expect(columns.filter((c) => /^k\d+$/.test(c.key_name)).length).toBeLessThanOrEqual(2_000);
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
  });

  it('stores nothing from a request cut off mid-flight and stays up', async () => {
    const body = Buffer.from(JSON.stringify(request('cut-off', [span(), span()])));
    const { port } = new URL(server.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
        );
        socket.write(body.subarray(0, body.length >> 1));
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
    });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(await count('cut-off')).toBe(0);
  });

  it('answers /v1/metrics with success and discards it', async () => {
    const res = await post('{"resourceMetrics": []}', JSON_TYPE, '/v1/metrics');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
  });
});

describe('OTLP receiver limits and backpressure', () => {
  afterAll(stopAllServers);

  it('answers 413 for a body over the limit and for gzip inflating past it', async () => {
    const server = await startTestServer({ maxBodyBytes: 50_000 });
    const body = JSON.stringify(request('too-big', [span({ name: 'x'.repeat(60_000) })]));
    const plain = await fetch(`${server.url}/v1/traces`, {
      method: 'POST',
      headers: JSON_TYPE,
      body,
    });
    expect(plain.status).toBe(413);
    const bomb = await fetch(`${server.url}/v1/traces`, {
      method: 'POST',
      headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
      body: gzipSync(body),
    });
    expect(bomb.status).toBe(413);
  });

  it('refuses with 503 and Retry-After when more rows wait than it may hold', async () => {
    const server = await startTestServer({ maxPendingRows: 100 });
    const bodies = Array.from({ length: 6 }, () =>
      jsonToProtobuf(
        'traces',
        request(
          'busy',
          Array.from({ length: 80 }, () => span()),
        ),
      ),
    );
    const answers = await Promise.all(
      bodies.map((body) =>
        fetch(`${server.url}/v1/traces`, { method: 'POST', headers: PROTO, body }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses).toContain(200);
    expect(statuses).toContain(503);
    expect(answers.find((a) => a.status === 503)?.headers.get('retry-after')).toBe('1');
    const stored = await runHoneycombQuery(server.url, 'busy', {
      time_range: 600,
      calculations: [{ op: 'COUNT' }],
    });
    expect(stored.results[0]?.data.COUNT).toBe(80 * statuses.filter((s) => s === 200).length);
  });
});
