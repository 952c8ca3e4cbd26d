import { SpanKind } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { startUdpCapture } from '../../../test/support/udp-capture.js';
import { flattenDocuments } from './flatten-documents.testing.js';
import { DAEMON_HEADER, MAX_DOCUMENT_BYTES } from './segment-datagrams.js';
import { STREAMING_THRESHOLD } from './segment-tree.js';
import { remoteParent, spanRecorder } from './span-builders.testing.js';
import { parseDaemonDatagram } from './xray-segment-document-schema.testing.js';
import { XraySpanExporter } from './xray-span-exporter.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An exporter sending to a real UDP socket that keeps what it receives. */
async function exporterAndDaemon() {
  const daemon = await startUdpCapture();
  const exporter = new XraySpanExporter({
    daemon: { host: '127.0.0.1', port: daemon.port },
    annotationKeys: ['app.user_handle'],
  });
  cleanups.push(async () => {
    await exporter.shutdown();
    await daemon.close();
  });
  const send = (spans: ReadableSpan[]) =>
    new Promise<ExportResult>((resolve) => exporter.export(spans, resolve));
  /** Every datagram that arrives within a short quiet period after the export. */
  const received = async (atLeast: number) => {
    await daemon.waitFor(atLeast);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return daemon.datagrams;
  };
  return { send, received };
}

/** One API request's spans, ended child-first as the SDK ends them: 1 server, 1 service, n queries. */
function requestSpans(queries: number, queryText = 'SELECT uuid FROM activities WHERE x = $1') {
  const { makeSpan, openSpan, finished } = spanRecorder();
  const server = openSpan('GET /api/activities/home');
  const service = openSpan('home-activities', SpanKind.INTERNAL, server);
  for (let i = 0; i < queries; i++) {
    makeSpan('pg.query:SELECT postgres', {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system': 'postgresql',
        'db.namespace': 'postgres',
        'db.query.text': queryText,
      },
      parent: service.spanContext(),
    });
  }
  service.end();
  server.setAttributes({ 'http.request.method': 'GET', 'http.response.status_code': 200 });
  server.end();
  return finished();
}

describe('XraySpanExporter', () => {
  it('sends each request as one datagram: its segment with every subsegment nested', async () => {
    const { makeSpan } = spanRecorder();
    const root = makeSpan('GET /api/activities/home', {
      kind: SpanKind.SERVER,
      parent: remoteParent(),
      attributes: { 'app.user_handle': 'worf', 'http.response.status_code': 200 },
    });
    const service = makeSpan('home-activities', { parent: root.spanContext() });
    const query = makeSpan('pg.query:SELECT postgres', {
      kind: SpanKind.CLIENT,
      attributes: { 'db.system': 'postgresql', 'db.namespace': 'postgres' },
      parent: service.spanContext(),
    });
    const { send, received } = await exporterAndDaemon();

    expect(await send([query, service, root])).toEqual({ code: ExportResultCode.SUCCESS });
    const datagrams = await received(1);
    expect(datagrams).toHaveLength(1);
    const [segment] = datagrams.map(parseDaemonDatagram);
    expect(segment).toMatchObject({ id: root.spanContext().spanId, parent_id: '53995c3f42cd8ad8' });
    expect(segment?.annotations).toEqual({ app_user_handle: 'worf' });
    const flat = flattenDocuments(datagrams.map(parseDaemonDatagram));
    expect(flat.map((doc) => [doc.id, doc.parent_id])).toEqual([
      [root.spanContext().spanId, '53995c3f42cd8ad8'],
      [service.spanContext().spanId, root.spanContext().spanId],
      [query.spanContext().spanId, service.spanContext().spanId],
    ]);
  });

  it('sends the spans of a segment outside the batch as independent subsegments', async () => {
    const { makeSpan, openSpan } = spanRecorder();
    const stillOpen = openSpan('GET /slow');
    const child = makeSpan('user-activities', { parent: stillOpen });
    const { send, received } = await exporterAndDaemon();

    await send([child]);
    const [document] = (await received(1)).map(parseDaemonDatagram);
    expect(document).toMatchObject({
      type: 'subsegment',
      id: child.spanContext().spanId,
      parent_id: stillOpen.spanContext().spanId,
    });
  });

  it(`past ${STREAMING_THRESHOLD} subsegments, sends them on their own as the X-Ray SDKs stream them`, async () => {
    const spans = requestSpans(STREAMING_THRESHOLD);
    const { send, received } = await exporterAndDaemon();

    await send(spans);
    const documents = (await received(spans.length)).map(parseDaemonDatagram);
    expect(documents).toHaveLength(spans.length);
    expect(documents.filter((doc) => 'subsegments' in doc)).toEqual([]);
    expect(new Set(documents.map((doc) => doc.id))).toEqual(
      new Set(spans.map((span) => span.spanContext().spanId)),
    );
  });

  it('sends a tree over 64 kB as separate documents, each within the limit', async () => {
    // 40 queries of ~2 kB each: ~80 kB nested, each document alone far below the limit.
    const spans = requestSpans(40, `SELECT ${'some_column, '.repeat(160)}x FROM t`);
    const { send, received } = await exporterAndDaemon();

    await send(spans);
    const datagrams = await received(spans.length);
    for (const datagram of datagrams) {
      expect(datagram.length).toBeLessThanOrEqual(DAEMON_HEADER.length + MAX_DOCUMENT_BYTES);
    }
    const documents = datagrams.map(parseDaemonDatagram);
    expect(documents).toHaveLength(spans.length);
    expect(flattenDocuments(documents)).toHaveLength(spans.length);
  });
});
