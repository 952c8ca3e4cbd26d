import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { EVENT_COLUMNS, RESOURCES_DDL, SIGNAL } from '../src/store/schema.js';
import { TelemetryStore } from '../src/store/telemetry-store.js';
import { attrs, logBatch, makeLog, makeSpan, spanBatch } from './support/builders.js';
import { storeFixture } from './support/store-fixture.js';

const { open, tempFile } = storeFixture();

/** The columns of a table (or view) of the store, by name. */
async function columnsOf(store: TelemetryStore, table: string): Promise<string[]> {
  const rows = await store.query(
    'SELECT column_name FROM duckdb_columns() WHERE table_name = $1 ORDER BY column_index',
    [table],
  );
  return rows.map((row) => String(row.column_name));
}

describe('spans and logs in tables of their own', () => {
  it('gives each table only its own fixed and attribute columns, and reads both through events', async () => {
    const store = await open(':memory:');
    await store.ingest(spanBatch('api', [makeSpan({ attributes: attrs({ 'http.route': '/a' }) })]));
    await store.ingest(logBatch('api', [makeLog({ attributes: attrs({ 'log.file': 'x.ts' }) })]));

    const spans = await columnsOf(store, 'spans');
    const logs = await columnsOf(store, 'logs');
    expect(spans).toContain('s:http.route');
    expect(spans).not.toContain('s:log.file');
    expect(spans).not.toContain('body');
    expect(spans).not.toContain('signal');
    expect(logs).toContain('s:log.file');
    expect(logs).not.toContain('s:http.route');
    expect(logs).not.toContain('kind');

    const rows = await store.query(
      'SELECT signal, kind, body, "s:http.route" AS route, "s:log.file" AS file FROM events ORDER BY signal',
    );
    expect(rows).toEqual([
      expect.objectContaining({ signal: SIGNAL.span, route: '/a', file: null, body: null }),
      expect.objectContaining({ signal: SIGNAL.log, route: null, file: 'x.ts', kind: null }),
    ]);
  });
});

describe('attribute names across the two tables', () => {
  it('keeps a log key that differs only in case from a span column in the extra JSON', async () => {
    const store = await open(':memory:');
    await store.ingest(spanBatch('api', [makeSpan({ attributes: attrs({ 'HTTP.route': '/s' }) })]));
    await store.ingest(logBatch('api', [makeLog({ attributes: attrs({ 'http.route': '/l' }) })]));

    // The view reads columns by name, ignoring case: two spellings would read as one column.
    expect(await columnsOf(store, 'logs')).not.toContain('s:http.route');
    const rows = await store.query(
      'SELECT signal, "s:HTTP.route" AS route, attributes_extra FROM events ORDER BY signal',
    );
    expect(rows).toEqual([
      { signal: SIGNAL.span, route: '/s', attributes_extra: null },
      { signal: SIGNAL.log, route: null, attributes_extra: '{"http.route":"/l"}' },
    ]);
  });

  it('gives both tables a column of the same name when spans and logs bring the same key', async () => {
    const store = await open(':memory:');
    await store.ingest(spanBatch('api', [makeSpan({ attributes: attrs({ user: 'a' }) })]));
    await store.ingest(logBatch('api', [makeLog({ attributes: attrs({ user: 'b' }) })]));
    expect(await columnsOf(store, 'spans')).toContain('s:user');
    expect(await columnsOf(store, 'logs')).toContain('s:user');
    const users = await store.query('SELECT "s:user" AS user FROM events ORDER BY signal');
    expect(users).toEqual([{ user: 'a' }, { user: 'b' }]);
  });
});

describe('a file written with one events table', () => {
  /** Writes a file the way the store laid it out before spans and logs had tables of their own. */
  async function legacyFile(): Promise<string> {
    const path = tempFile();
    const instance = await DuckDBInstance.create(path);
    const db = await instance.connect();
    const fixed = EVENT_COLUMNS.map(([name, type]) => `${name} ${type}`);
    await db.run(
      `CREATE TABLE events (${fixed.join(', ')}, "s:http.route" VARCHAR, "i:log.line" BIGINT, "b:unused" BOOLEAN)`,
    );
    await db.run(RESOURCES_DDL);
    const row = (signal: number, time: number, extra: string) =>
      `INSERT INTO events (signal, source, service, time_unix_nano, event_id, trace_id, span_id,
         name, kind, duration_ms, body, resource_id, ${extra.split('=')[0]})
       VALUES (${signal}, 'otlp', 'api', ${time}, ${time}, 7, ${signal === SIGNAL.span ? time : 'NULL'},
         'op', ${signal === SIGNAL.span ? 2 : 'NULL'}, 1.5, ${signal === SIGNAL.log ? "'hello'" : 'NULL'},
         0, ${extra.split('=')[1]})`;
    await db.run(row(SIGNAL.span, 1000, '"s:http.route"=\'/a\''));
    await db.run(row(SIGNAL.span, 2000, '"s:http.route"=\'/b\''));
    await db.run(row(SIGNAL.log, 3000, '"i:log.line"=42'));
    await db.run(row(SIGNAL.event, 4000, '"s:http.route"=\'/e\''));
    await db.run('CHECKPOINT');
    db.closeSync();
    instance.closeSync();
    return path;
  }

  it('moves every row into spans and logs at open, and reads the same through events', async () => {
    const path = await legacyFile();
    const store = await open(path);

    const rows = await store.query(
      `SELECT signal, time_unix_nano AS t, span_id, kind, body, "s:http.route" AS route,
              "i:log.line" AS line
       FROM events ORDER BY t`,
    );
    expect(rows).toEqual([
      { signal: 1, t: 1000n, span_id: 1000n, kind: 2, body: null, route: '/a', line: null },
      { signal: 1, t: 2000n, span_id: 2000n, kind: 2, body: null, route: '/b', line: null },
      { signal: 2, t: 3000n, span_id: null, kind: null, body: 'hello', route: null, line: 42n },
      { signal: 3, t: 4000n, span_id: null, kind: null, body: null, route: '/e', line: null },
    ]);
    const views = await store.query("SELECT 1 FROM duckdb_views() WHERE view_name = 'events'");
    expect(views).toHaveLength(1);
  });

  it('gives each table the attribute columns its rows hold values in, and keeps every column', async () => {
    const store = await open(await legacyFile());
    expect(await columnsOf(store, 'spans')).toContain('s:http.route');
    expect(await columnsOf(store, 'spans')).not.toContain('i:log.line');
    expect(await columnsOf(store, 'logs')).toEqual(
      expect.arrayContaining(['s:http.route', 'i:log.line']),
    );
    // No row holds a value in it, but the catalog may still name it: it stays, in `logs`.
    expect(await columnsOf(store, 'spans')).not.toContain('b:unused');
    expect(await columnsOf(store, 'logs')).toContain('b:unused');
    expect(await store.query('SELECT count("b:unused") AS n FROM events')).toEqual([{ n: 0n }]);
    expect(store.catalog.physicalColumns('spans').has('s:http.route')).toBe(true);
    expect(store.catalog.physicalColumns('logs').has('i:log.line')).toBe(true);
  });

  it('keeps the moved rows and new ones across a restart, moving nothing twice', async () => {
    const path = await legacyFile();
    const first = await TelemetryStore.open({ path });
    await first.ingest(spanBatch('api', [makeSpan({ attributes: attrs({ 'http.route': '/n' }) })]));
    await first.close();

    const second = await open(path);
    const counts = await second.query(
      'SELECT signal, count(*) AS n FROM events GROUP BY signal ORDER BY signal',
    );
    expect(counts).toEqual([
      { signal: 1, n: 3n },
      { signal: 2, n: 1n },
      { signal: 3, n: 1n },
    ]);
  });
});
