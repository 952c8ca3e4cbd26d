import { loadConfig } from '@cruddur/observability/config';
import { type RunningServer, startServer } from '@cruddur/observability/server';
import type { SpanView } from '@cruddur/observability/trace-view';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { flattenDocuments } from '../src/node/xray/flatten-documents.testing.js';
import {
  parseDaemonDatagram,
  type XrayDocumentJson,
} from '../src/node/xray/xray-segment-document-schema.testing.js';
import { startCaptureServer } from './support/capture-server.js';
import { envWithoutTelemetry, TracedProcess } from './support/traced-process.js';
import { startUdpCapture } from './support/udp-capture.js';

// One request to a real Express process with both exporters on: OTLP to the observability server
// and X-Ray segment documents to a UDP socket standing in for the daemon. Both must describe the
// same trace with the same spans and the same parent links.

let observability: RunningServer;
let daemon: Awaited<ReturnType<typeof startUdpCapture>>;
let downstream: Awaited<ReturnType<typeof startCaptureServer>>;
let app: TracedProcess | undefined;

beforeAll(async () => {
  observability = await startServer(
    loadConfig(['--host', '127.0.0.1', '--http-port', '0', '--data', ':memory:'], {}),
  );
  daemon = await startUdpCapture();
  downstream = await startCaptureServer();
});

afterAll(async () => {
  await app?.stop();
  await Promise.allSettled([observability?.stop(), daemon?.close(), downstream?.close()]);
});

async function otlpSpans(traceId: string, count: number): Promise<SpanView[]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const response = await fetch(`${observability.url}/api/traces/${traceId}`);
    if (response.status === 200) {
      const body = (await response.json()) as { spans: SpanView[] };
      const otlp = body.spans.filter((span) => span.source === undefined || span.source === 'otlp');
      if (otlp.length >= count) return otlp;
    } else await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`trace ${traceId} did not reach the server; app stderr: ${app?.stderr}`);
}

it('one request through OTLP and through X-Ray is one trace with one set of spans', async () => {
  app = await TracedProcess.start({
    ...envWithoutTelemetry(),
    OTEL_EXPORTER_OTLP_ENDPOINT: observability.url,
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.port}`,
    OTEL_BSP_SCHEDULE_DELAY: '50',
    DOWNSTREAM_URL: `${downstream.url}/downstream`,
  });
  // The caller is an X-Ray SDK: only X-Amzn-Trace-Id, with a current epoch in the root.
  const epoch = Math.floor(Date.now() / 1000).toString(16);
  const xrayRoot = `1-${epoch}-a006649127e371903a2de979`;
  const callerId = '53995c3f42cd8ad8';
  const response = await fetch(`http://127.0.0.1:${app.port}/hello/ada`, {
    headers: { 'X-Amzn-Trace-Id': `Root=${xrayRoot};Parent=${callerId};Sampled=1` },
  });
  expect(await response.json()).toEqual({ hello: 'ada', downstreamStatus: 200 });
  // Stopping flushes both exporters.
  await app.stop();

  const traceId = `${epoch}a006649127e371903a2de979`;
  const spans = await otlpSpans(traceId, 3);
  // Spans of the request that ended in one batch travel nested in their segment's document.
  const received: XrayDocumentJson[] = (await daemon.waitFor(1)).map(parseDaemonDatagram);
  const documents = flattenDocuments(received);

  // Same trace, same span ids, same parents.
  expect(new Set(documents.map((doc) => doc.trace_id))).toEqual(new Set([xrayRoot]));
  const otlpTree = new Map(spans.map((span) => [span.spanId, span.parentSpanId]));
  const xrayTree = new Map(documents.map((doc) => [doc.id, doc.parent_id ?? null]));
  expect(xrayTree).toEqual(otlpTree);

  // The server span continues the X-Ray caller and is the one segment; the rest are subsegments.
  const server = spans.find((span) => span.kind.toLowerCase().includes('server'))!;
  expect(server.parentSpanId).toBe(callerId);
  const segments = documents.filter((doc) => !doc.nested && doc.type === undefined);
  expect(segments.map((doc) => doc.id)).toEqual([server.spanId]);
  expect(segments[0]).toMatchObject({
    name: 'telemetry-e2e',
    http: { request: { method: 'GET' }, response: { status: 200 } },
  });
  const client = spans.find((span) => span.kind.toLowerCase().includes('client'))!;
  expect(documents.find((doc) => doc.id === client.spanId)).toMatchObject({
    namespace: 'remote',
    http: { request: { url: `${downstream.url}/downstream` }, response: { status: 200 } },
  });

  // The outgoing call carried the trace in both header formats.
  const [call] = downstream.requests;
  expect(call?.headers.traceparent).toBe(`00-${traceId}-${client.spanId}-01`);
  expect(call?.headers['x-amzn-trace-id']).toBe(
    `Root=${xrayRoot};Parent=${client.spanId};Sampled=1`,
  );
});
