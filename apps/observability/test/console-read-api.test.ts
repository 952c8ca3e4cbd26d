import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  OverviewView,
  ServiceMapView,
  TraceLogsResult,
  TraceSearchResult,
} from '../src/contract/console-api.js';
import type { RunningServer } from '../src/server.js';
import { SEED_USERS, type Seeded, seedConsoleData, XSS_PAYLOAD } from './support/console-seed.js';
import { startTestServer, stopAllServers } from './support/running-server.js';

describe('console read endpoints over telemetry from the real OTel exporters', () => {
  let server: RunningServer;
  let seeded: Seeded;
  const get = async <T>(path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, { headers });
    return { status: res.status, body: (await res.json()) as T };
  };
  const window = () => `start=${Date.now() - 3_600_000}&end=${Date.now() + 60_000}`;

  beforeAll(async () => {
    server = await startTestServer();
    seeded = await seedConsoleData(server.url);
  });
  afterAll(stopAllServers);

  it('lists traces newest first with their root span, extent and counts', async () => {
    const { status, body } = await get<TraceSearchResult>(`/api/traces?${window()}&limit=500`);
    expect(status).toBe(200);
    expect(body.traces).toHaveLength(seeded.traces.length);
    expect(body.traces.map((t) => t.traceId)).toEqual(
      [...seeded.traces].reverse().map((t) => t.traceId),
    );
    const failed = body.traces.find((t) => t.traceId === seeded.failedTrace.traceId)!;
    expect(failed).toMatchObject({
      rootService: 'cruddur-frontend',
      rootName: 'GET /home',
      spanCount: 3,
      errorCount: 2,
      services: ['cruddur-backend', 'cruddur-frontend'],
    });
    expect(failed.durationMs).toBeCloseTo(seeded.failedTrace.backendDurationMs + 4, 3);
  });

  it('finds the newest traces the same way when the limit is below the number of traces', async () => {
    const { body } = await get<TraceSearchResult>(`/api/traces?${window()}&limit=5`);
    const newest = [...seeded.traces].reverse().slice(0, 5);
    expect(body.traces.map((t) => t.traceId)).toEqual(newest.map((t) => t.traceId));
    expect(body.traces.every((t) => t.spanCount === 3)).toBe(true);
  });

  it('searches by service, name, duration range, status and attribute', async () => {
    const search = async (query: string) =>
      (await get<TraceSearchResult>(`/api/traces?${window()}&limit=500&${query}`)).body.traces
        .map((t) => t.traceId)
        .sort();
    const ids = (list: readonly { traceId: string }[]) => list.map((t) => t.traceId).sort();
    const worf = seeded.traces.filter((t) => t.userId === 'worf');
    expect(await search('attr=app.userId%3Dworf')).toEqual(ids(worf));
    expect(await search('status=error')).toEqual([seeded.failedTrace.traceId]);
    const slow = seeded.traces.filter((t) => t.backendDurationMs >= 200);
    expect(slow.length).toBeGreaterThan(0);
    expect(await search('service=cruddur-backend&name=api%2Factivities&minMs=200')).toEqual(
      ids(slow),
    );
    const fast = seeded.traces.filter((t) => t.backendDurationMs <= 20);
    expect(await search('name=GET%20%2Fapi&maxMs=20&service=cruddur-backend')).toEqual(ids(fast));
    expect(await search('attr=no.such.key%3Dx')).toEqual([]);
    expect(await search('service=nobody')).toEqual([]);
  });

  it('refuses malformed search parameters with a 400 that names the field', async () => {
    for (const query of ['status=broken', 'limit=0', 'minMs=-1', 'attr=novalue', 'start=9&end=1']) {
      const { status, body } = await get<{ error: string }>(`/api/traces?${query}`);
      expect(status, query).toBe(400);
      expect(body.error).toMatch(/status|limit|minMs|attr|start/);
    }
  });

  it('maps the calls between services with rate, error rate and latency percentiles', async () => {
    const start = Date.now() - 3_600_000;
    const end = Date.now() + 60_000;
    const { body } = await get<ServiceMapView>(`/api/service-map?start=${start}&end=${end}`);
    const edge = (source: string, target: string) =>
      body.edges.find((e) => e.source === source && e.target === target);
    const api = edge('cruddur-frontend', 'cruddur-backend')!;
    expect(api.calls).toBe(seeded.traces.length);
    expect(api.errorRate).toBeCloseTo(1 / seeded.traces.length, 9);
    expect(api.callsPerSecond).toBeCloseTo(seeded.traces.length / ((end - start) / 1000), 9);
    const durations = seeded.traces.map((t) => t.backendDurationMs).sort((a, b) => a - b);
    expect(api.p50Ms).toBeCloseTo(quantile(durations, 0.5), 6);
    expect(api.p99Ms).toBeCloseTo(quantile(durations, 0.99), 6);
    const db = edge('cruddur-backend', 'postgresql')!;
    expect(db.calls).toBe(seeded.traces.length);
    expect(body.nodes.find((n) => n.service === 'postgresql')).toMatchObject({ inferred: true });
    expect(body.nodes.find((n) => n.service === 'cruddur-backend')).toMatchObject({
      spanCount: seeded.traces.length * 2,
      errorCount: 2,
      inferred: false,
    });
  });

  it('summarizes datasets, recent traces and failing spans for the overview', async () => {
    const { body } = await get<OverviewView>('/api/overview');
    const backend = body.datasets.find((d) => d.name === 'cruddur-backend')!;
    expect(backend).toMatchObject({ spans: seeded.traces.length * 2, logs: seeded.traces.length });
    expect(body.recentTraces[0]?.traceId).toBe(seeded.traces.at(-1)?.traceId);
    expect(body.recentErrorSpans.map((e) => e.traceId)).toEqual([
      seeded.failedTrace.traceId,
      seeded.failedTrace.traceId,
    ]);
  });

  it("returns a trace's log records with the span they were written in", async () => {
    const { body } = await get<TraceLogsResult>(`/api/traces/${seeded.failedTrace.traceId}/logs`);
    expect(body.logs).toHaveLength(1);
    expect(body.logs[0]).toMatchObject({
      spanId: seeded.failedTrace.backendSpanId,
      severity: 'ERROR',
      service: 'cruddur-backend',
    });
    expect(JSON.parse(body.logs[0]!.body)).toMatchObject({ error: seeded.errorMessage });
    const first = await get<TraceLogsResult>(`/api/traces/${seeded.traces[0]!.traceId}/logs`);
    expect(first.body.logs[0]?.body).toContain(XSS_PAYLOAD);
  });

  it('returns the Rollbar occurrences reported in a trace, and items with a sparkline', async () => {
    const { body } = await get<{ occurrences: { itemId: number; spanId: string }[] }>(
      `/api/traces/${seeded.failedTrace.traceId}/errors`,
    );
    expect(body.occurrences).toHaveLength(1);
    expect(body.occurrences[0]?.spanId).toBe(seeded.failedTrace.backendSpanId);
    const items = await get<{ items: { id: number; buckets: number[]; title: string }[] }>(
      '/api/error-items',
    );
    const item = items.body.items.find((i) => i.id === body.occurrences[0]?.itemId)!;
    expect(item.title).toContain('DatabaseError');
    expect(item.buckets).toHaveLength(24);
    expect(item.buckets.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('knows every seeded user', async () => {
    const { body } = await get<TraceSearchResult>(`/api/traces?${window()}&limit=500`);
    expect(body.traces.length).toBeGreaterThanOrEqual(SEED_USERS.length);
  });
});

describe('console read endpoints with query keys configured', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ ingestKeys: ['ingest-1'], queryKeys: ['query-1'] });
  });
  afterAll(stopAllServers);

  it('answer 401 without a key, 403 to an ingest key, 200 to a query key', async () => {
    for (const path of ['/api/traces', '/api/service-map', '/api/overview', '/api/error-items']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(401);
      const ingest = await fetch(`${server.url}${path}`, { headers: { 'x-api-key': 'ingest-1' } });
      expect(ingest.status, path).toBe(403);
      const query = await fetch(`${server.url}${path}`, { headers: { 'x-api-key': 'query-1' } });
      expect(query.status, path).toBe(200);
    }
  });
});

/** DuckDB's quantile_cont: linear interpolation between the closest ranks. */
function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
