import { describe, expect, it } from 'vitest';
import { unixNanos } from '../src/model/time.js';
import { TelemetryStore } from '../src/store/telemetry-store.js';
import { attrs, logBatch, makeLog, makeSpan, nextSpanId, spanBatch } from './support/builders.js';
import { storeFixture } from './support/store-fixture.js';

const { open, tempFile } = storeFixture();

describe('TelemetryStore', () => {
  it('stores each attribute in a typed column under its dotted name', async () => {
    const store = await open();
    await store.ingest(
      spanBatch('cruddur-backend', [
        makeSpan({
          attributes: attrs({
            'app.userId': 'worf',
            'http.status_code': 200n,
            ratio: 0.5,
            ok: true,
          }),
        }),
      ]),
    );
    const [row] = await store.query(
      `SELECT "s:app.userId" AS u, "i:http.status_code" AS s, "f:ratio" AS r, "b:ok" AS ok FROM events`,
    );
    expect(row).toEqual({ u: 'worf', s: 200n, r: 0.5, ok: true });
    expect(
      store
        .columnEntries(['cruddur-backend'])
        .map((e) => `${e.keyName}:${e.type}`)
        .sort(),
    ).toEqual([
      'app.userId:string',
      'http.status_code:integer',
      'ok:boolean',
      'ratio:float',
      'service.name:string',
    ]);
  });

  it('leaves a column NULL for rows without the key, however far apart the rows that have it', async () => {
    const store = await open();
    const spans = Array.from({ length: 5000 }, (_, i) =>
      makeSpan({
        attributes: attrs(
          i % 2500 === 7
            ? { rare: BigInt(i), tags: ['a', 'b'] }
            : { common: `v${i % 3}`, ...(i === 4999 ? { last: true } : {}) },
        ),
      }),
    );
    await store.ingest(spanBatch('svc', spans));
    const rows = await store.query(
      `SELECT count("s:common") AS common, sum("i:rare") AS rare, count("s:tags") AS tags,
              any_value("s:tags") AS tags_json, count("b:last") AS last, count(*) AS n
       FROM events`,
    );
    expect(rows[0]).toEqual({
      common: 4998n,
      rare: 7n + 2507n,
      tags: 2n,
      tags_json: '["a","b"]',
      last: 1n,
      n: 5000n,
    });
  });

  it('counts a re-delivered span once, within one commit and across commits', async () => {
    const store = await open();
    const span = makeSpan();
    await Promise.all([
      store.ingest(spanBatch('svc', [span, span])),
      store.ingest(spanBatch('svc', [span])),
    ]);
    await store.ingest(spanBatch('svc', [span]));
    const [row] = await store.query('SELECT count(*) AS n FROM events');
    expect(row?.n).toBe(1n);
  });

  it('counts repeats within one commit once per trace, whatever the order', async () => {
    const store = await open();
    const spanId = nextSpanId();
    const [a, b] = [makeSpan({ spanId }), makeSpan({ spanId })];
    await store.ingest(spanBatch('svc', [a, b, b, a, b]));
    const [row] = await store.query('SELECT count(*) AS n FROM events');
    expect(row?.n).toBe(2n);
  });

  it('keeps a key that differs from a column only in case in the extra JSON', async () => {
    const store = await open();
    await store.ingest(spanBatch('svc', [makeSpan({ attributes: attrs({ 'http.route': '/a' }) })]));
    const span = makeSpan({ attributes: attrs({ 'HTTP.route': '/b', 'http.route': '/c' }) });
    await store.ingest(spanBatch('svc', [span]));
    await store.ingest(spanBatch('svc', [makeSpan({ attributes: attrs({ 'http.route': '/d' }) })]));
    const trace = await store.trace(span.traceId);
    expect(trace?.spans[0]?.attributes).toEqual({ 'HTTP.route': '/b', 'http.route': '/c' });
    const rows = await store.query(
      'SELECT count(*) AS n FROM events WHERE "s:http.route" IS NOT NULL',
    );
    expect(rows[0]?.n).toBe(3n);
  });

  it('keeps two spans that share a span id in different traces', async () => {
    const store = await open();
    const spanId = nextSpanId();
    await store.ingest(spanBatch('svc', [makeSpan({ spanId }), makeSpan({ spanId })]));
    const [row] = await store.query('SELECT count(*) AS n FROM events');
    expect(row?.n).toBe(2n);
  });

  it('reads a trace back with attributes, resource and parent-first order', async () => {
    const store = await open();
    const root = makeSpan({ attributes: attrs({ 'app.userId': 'worf', tags: ['a', 1n] }) });
    const child = makeSpan({
      traceId: root.traceId,
      parentSpanId: root.spanId,
      kind: 'internal',
      name: 'home-activities',
      startTimeUnixNano: unixNanos(root.startTimeUnixNano - 1000n),
    });
    await store.ingest(spanBatch('cruddur-backend', [child, root]));
    const trace = await store.trace(root.traceId);
    expect(trace?.spans.map((s) => s.name)).toEqual([
      'GET /api/activities/home',
      'home-activities',
    ]);
    expect(trace?.spans[0]?.attributes).toEqual({ 'app.userId': 'worf', tags: ['a', 1] });
    expect(trace?.spans[0]?.resource).toEqual({ 'service.name': 'cruddur-backend' });
    expect(trace?.spans[1]?.parentSpanId).toBe(trace?.spans[0]?.spanId);
  });

  it('keeps logs and dedupes an identical re-delivered log record', async () => {
    const store = await open();
    const log = makeLog({ body: 'started', attributes: attrs({ level: 'info' }) });
    await store.ingest(logBatch('svc', [log]));
    await store.ingest(logBatch('svc', [log]));
    await store.ingest(logBatch('svc', [makeLog({ body: 'other' })]));
    const rows = await store.query('SELECT body FROM events WHERE signal = 2 ORDER BY body');
    expect(rows.map((r) => r.body)).toEqual(['other', 'started']);
  });

  it('keeps attributes past the column limit in the trace view', async () => {
    const store = await open(':memory:', { maxAttributeColumns: 2 });
    const span = makeSpan({ attributes: attrs({ a: '1', b: '2', c: '3' }) });
    await store.ingest(spanBatch('svc', [span]));
    const trace = await store.trace(span.traceId);
    expect(trace?.spans[0]?.attributes).toEqual({ a: '1', b: '2', c: '3' });
  });

  it('still has every committed span after a restart on the same file', async () => {
    const path = tempFile();
    const first = await TelemetryStore.open({ path });
    const spans = Array.from({ length: 50 }, (_, i) =>
      makeSpan({ attributes: attrs({ [`key.${i % 7}`]: BigInt(i) }) }),
    );
    await first.ingest(spanBatch('svc', spans));
    await first.close();
    const second = await open(path);
    const [row] = await second.query('SELECT count(*) AS n, sum("i:key.3") AS s FROM events');
    expect(row).toEqual({ n: 50n, s: 3n + 10n + 17n + 24n + 31n + 38n + 45n });
    expect(second.columnEntries('all')).toHaveLength(8);
    await second.ingest(spanBatch('svc', [spans[0]!]));
    const [again] = await second.query('SELECT count(*) AS n FROM events');
    expect(again?.n).toBe(50n);
  });
});

describe('TelemetryStore group commit', () => {
  const oneSpan = () => spanBatch('cruddur-backend', [makeSpan()]);
  const turnsOfTheLoop = async (n: number) => {
    for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  /** Commits and requests answered while `work` runs. */
  async function countCommits(store: TelemetryStore, work: () => Promise<unknown>) {
    const before = store.ingestStats();
    await work();
    const after = store.ingestStats();
    return { commits: after.commits - before.commits, requests: after.requests - before.requests };
  }

  it('commits requests that wait at the same time together', async () => {
    const store = await open();
    const counted = await countCommits(store, () =>
      Promise.all([1, 2, 3, 4].map(() => store.ingest(oneSpan()))),
    );
    expect(counted).toEqual({ commits: 1, requests: 4 });
  });

  it('waits for senders just answered that come back a moment apart, instead of committing the first alone', async () => {
    const store = await open();
    await Promise.all([1, 2, 3, 4].map(() => store.ingest(oneSpan())));
    // As over HTTP: answered together, the four bodies arrive again one after another.
    const counted = await countCommits(store, () =>
      Promise.all(
        [0, 1, 2, 3].map(async (delay) => {
          await turnsOfTheLoop(delay);
          await store.ingest(oneSpan());
        }),
      ),
    );
    expect(counted).toEqual({ commits: 1, requests: 4 });
  });

  it('does not hold back a sender that comes back after a pause for the others', async () => {
    const store = await open();
    await Promise.all([1, 2, 3, 4].map(() => store.ingest(oneSpan())));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const counted = await countCommits(store, async () => {
      const first = store.ingest(oneSpan());
      await new Promise((resolve) => setTimeout(resolve, 8));
      await Promise.all([first, store.ingest(oneSpan())]);
    });
    expect(counted).toEqual({ commits: 2, requests: 2 });
  });
});
