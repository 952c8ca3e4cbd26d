import { describe, expect, it } from 'vitest';
import { decodeTraceRowsProto } from '../src/receivers/otlp/decode-trace-rows-proto.js';
import { OtlpDecodeError } from '../src/receivers/otlp/otlp-decode-error.js';
import { jsonToProtobuf } from '../src/receivers/otlp/otlp-protobufjs.testing.js';
import { spanJson, traceRequestJson } from '../src/receivers/otlp/otlp-requests.testing.js';
import type { TelemetryStore } from '../src/store/telemetry-store.js';
import { attrs, makeSpan, spanBatch } from './support/builders.js';
import { storeFixture } from './support/store-fixture.js';

const { open } = storeFixture();

const count = async (store: TelemetryStore, sql: string) => Number((await store.query(sql))[0]!.n);

describe('rows written as requests arrive', () => {
  it('stores a new attribute that arrives while another commit adds columns', async () => {
    const store = await open();
    const stored: Promise<void>[] = [];
    for (let i = 0; i < 30; i++) {
      stored.push(
        store.ingest(
          spanBatch('svc', [makeSpan({ attributes: attrs({ [`key.${i}`]: `v${i}` }) })]),
        ),
      );
      // Let the writer start a commit (and its ALTER TABLE) before the next request arrives.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(stored);
    for (let i = 0; i < 30; i++) {
      expect(await count(store, `SELECT count("s:key.${i}") AS n FROM events`)).toBe(1);
    }
  });

  it('never carries a value from one request into the next (blocks are reused)', async () => {
    const store = await open();
    await store.ingest(spanBatch('svc', [makeSpan({ attributes: attrs({ only: 'first' }) })]));
    for (let i = 0; i < 5; i++) {
      await store.ingest(spanBatch('svc', [makeSpan({ attributes: attrs({ other: i }) })]));
    }
    expect(await count(store, 'SELECT count("s:only") AS n FROM events')).toBe(1);
    expect(await count(store, 'SELECT count(*) AS n FROM events')).toBe(6);
  });

  it('leaves no column or dataset behind for a body that turns out malformed', async () => {
    const store = await open();
    const good = jsonToProtobuf(
      'traces',
      traceRequestJson([
        spanJson({ attributes: [{ key: 'fresh.key', value: { stringValue: 'x' } }] }),
      ]),
    );
    // A valid resource_spans followed by a truncated one.
    const body = new Uint8Array([...good, 0x0a, 0x05, 0x01]);
    expect(() =>
      store.ingestDecoded((catalog, block) => decodeTraceRowsProto(body, catalog, block)),
    ).toThrow(OtlpDecodeError);
    expect(store.columnEntries('all').map((entry) => entry.keyName)).not.toContain('fresh.key');
    await store.ingest(spanBatch('other', [makeSpan()]));
    const columns = await store.query(
      `SELECT count(*) AS n FROM duckdb_columns() WHERE table_name IN ('spans', 'logs') AND column_name = 's:fresh.key'`,
    );
    expect(Number(columns[0]!.n)).toBe(0);
  });
});
