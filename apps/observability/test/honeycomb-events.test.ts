import { gzipSync } from 'node:zlib';
import Libhoney from 'libhoney';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { runHoneycombQuery } from './support/honeycomb-client.js';
import { startTestServer, stopAllServers } from './support/running-server.js';

interface LibhoneyResponse {
  status_code?: number;
  error?: unknown;
}

describe('Honeycomb Events API with the real libhoney', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(stopAllServers);

  it('accepts libhoney batches: events with trace ids become spans, others plain events', async () => {
    const responses: LibhoneyResponse[] = [];
    const honey = new Libhoney({
      apiHost: server.url,
      writeKey: 'local-key',
      dataset: 'hny-app',
      batchTimeTrigger: 10,
      responseCallback: (batch: LibhoneyResponse[]) => responses.push(...batch),
    });
    const traceId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    honey.sendNow({
      'trace.trace_id': traceId,
      'trace.span_id': '1111111111111111',
      name: 'root',
      duration_ms: 30,
      'app.userId': 'worf',
    });
    for (let i = 0; i < 4; i++) {
      honey.sendNow({
        'trace.trace_id': traceId,
        'trace.span_id': `22222222222222${i}0`,
        'trace.parent_id': '1111111111111111',
        name: `child-${i}`,
        duration_ms: 5 + i,
        'db.rows': i,
      });
    }
    for (let i = 0; i < 5; i++)
      honey.sendNow({ endpoint: '/plain', duration_ms: 10 * (i + 1), ok: i % 2 === 0 });
    await honey.flush();
    await expect.poll(() => responses.length).toBe(10);
    expect(responses.every((r) => r.status_code === 202)).toBe(true);

    const trace = (await (await fetch(`${server.url}/api/traces/${traceId}`)).json()) as {
      spans: {
        name: string;
        parentSpanId: string | null;
        durationMs: number;
        source: string;
        attributes: Record<string, unknown>;
      }[];
    };
    expect(trace.spans.map((s) => s.name)).toEqual([
      'root',
      'child-0',
      'child-1',
      'child-2',
      'child-3',
    ]);
    expect(trace.spans[0]).toMatchObject({
      parentSpanId: null,
      durationMs: 30,
      source: 'honeycomb',
      attributes: { 'app.userId': 'worf' },
    });
    expect(trace.spans[2]?.attributes).toEqual({ 'db.rows': 1 });

    const data = await runHoneycombQuery(server.url, 'hny-app', {
      time_range: 600,
      calculations: [{ op: 'COUNT' }, { op: 'AVG', column: 'duration_ms' }],
      filters: [{ column: 'endpoint', op: '=', value: '/plain' }],
    });
    expect(data.results[0]?.data).toEqual({ COUNT: 5, 'AVG(duration_ms)': 30 });
  });

  it('answers each batch element in order, rejecting only the bad ones', async () => {
    const body = [
      { data: { a: 1 } },
      'not an event',
      { data: {} },
      { data: Object.fromEntries(Array.from({ length: 2001 }, (_, i) => [`k${i}`, i])) },
      { data: { b: 2 }, time: '2026-11-21T05:00:00.123456Z', samplerate: 3 },
      { data: { 'trace.trace_id': 'a', 'trace.span_id': 'b', duration_ms: 1e303 } },
      { data: { c: 3 }, time: '0001-01-01T00:00:00Z' },
    ];
    const res = await fetch(`${server.url}/1/batch/ordered`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify(body)),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      { status: 202 },
      { status: 400, error: 'Request body is malformed and cannot be read.' },
      { status: 400, error: 'Request body should not be empty.' },
      { status: 400, error: 'Event has too many columns.' },
      { status: 202 },
      { status: 400, error: 'duration_ms is larger than a year' },
      { status: 202 },
    ]);
  });

  it('takes a single event with its time header', async () => {
    const res = await fetch(`${server.url}/1/events/single`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-honeycomb-event-time': String(Date.now() / 1000),
      },
      body: JSON.stringify({ msg: 'hi', duration_ms: 1.5 }),
    });
    expect(res.status).toBe(200);
    const data = await runHoneycombQuery(server.url, 'single', {
      time_range: 60,
      calculations: [{ op: 'SUM', column: 'duration_ms' }],
    });
    expect(data.results[0]?.data['SUM(duration_ms)']).toBe(1.5);
  });

  it('refuses malformed JSON, non-arrays and oversized bodies without storing anything', async () => {
    const post = (path: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const malformed = await post('/1/batch/bad', '[{"data": {');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: string }).error).toMatch(/malformed/);
    expect((await post('/1/batch/bad', '{"data": {}}')).status).toBe(400);
    expect((await post('/1/events/bad', '[1,2]')).status).toBe(400);
    const truncated = gzipSync(JSON.stringify([{ data: { a: 1 } }])).subarray(0, 12);
    expect((await post('/1/batch/bad', truncated, { 'content-encoding': 'gzip' })).status).toBe(
      400,
    );
    const datasets = (await (await fetch(`${server.url}/1/datasets`)).json()) as { name: string }[];
    expect(datasets.map((d) => d.name)).not.toContain('bad');
  });
});

describe('Honeycomb Events API body limit', () => {
  afterAll(stopAllServers);

  it('answers 413 past the configured limit, for plain and gzip bodies', async () => {
    const server = await startTestServer({ maxBodyBytes: 10_000 });
    const big = JSON.stringify([{ data: { s: 'x'.repeat(20_000) } }]);
    const plain = await fetch(`${server.url}/1/batch/big`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(plain.status).toBe(413);
    const bomb = await fetch(`${server.url}/1/batch/big`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(big),
    });
    expect(bomb.status).toBe(413);
  });
});
