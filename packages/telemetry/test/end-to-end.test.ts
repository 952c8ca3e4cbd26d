import { loadConfig } from '@cruddur/observability/config';
import { type RunningServer, startServer } from '@cruddur/observability/server';
import type { SpanView } from '@cruddur/observability/trace-view';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TracedProcess } from './support/traced-process.js';

const callerTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const callerSpanId = '00f067aa0ba902b7';

let observability: RunningServer;
let app: TracedProcess | undefined;

async function fetchTrace(traceId: string, minSpans: number): Promise<SpanView[]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const response = await fetch(`${observability.url}/api/traces/${traceId}`);
    if (response.status === 200) {
      const body = (await response.json()) as { spans: SpanView[] };
      if (body.spans.length >= minSpans) return body.spans;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`trace ${traceId} did not reach the server; app stderr: ${app?.stderr}`);
}

beforeAll(async () => {
  // loadConfig supplies every default, so this keeps working as the server grows options.
  observability = await startServer(
    loadConfig(['--host', '127.0.0.1', '--http-port', '0', '--data', ':memory:'], {}),
  );
});

afterAll(async () => {
  await app?.stop();
  await observability?.stop();
});

describe('startTelemetry in a real Express 5 process, exporting to the observability server', () => {
  it('continues the caller trace and records server, express and outbound fetch spans', async () => {
    app = await TracedProcess.start({
      ...process.env,
      OTEL_EXPORTER_OTLP_ENDPOINT: observability.url,
      OTEL_BSP_SCHEDULE_DELAY: '50',
      DOWNSTREAM_URL: `${observability.url}/health`,
    });
    const response = await fetch(`http://127.0.0.1:${app.port}/hello/ada?x=1`, {
      headers: { traceparent: `00-${callerTraceId}-${callerSpanId}-01` },
    });
    expect(await response.json()).toEqual({ hello: 'ada', downstreamStatus: 200 });
    // Shutdown flushes: the spans must arrive even though the process exits right away.
    await app.stop();
    expect(app.exitCode).toBe(0);

    const spans = await fetchTrace(callerTraceId, 3);
    const serverSpan = spans.find((s) => s.kind.toLowerCase().includes('server'));
    expect(serverSpan, JSON.stringify(spans, null, 1)).toBeDefined();
    expect(serverSpan).toMatchObject({
      traceId: callerTraceId,
      parentSpanId: callerSpanId,
      service: 'telemetry-e2e',
      name: 'GET /hello/:name',
    });
    expect(serverSpan?.attributes).toMatchObject({
      'http.route': '/hello/:name',
      'http.request.method': 'GET',
      'http.response.status_code': 200,
    });
    expect(serverSpan?.resource).toMatchObject({
      'service.name': 'telemetry-e2e',
      'service.version': '0.0.1',
    });

    const clientSpan = spans.find((s) => s.kind.toLowerCase().includes('client'));
    expect(clientSpan, JSON.stringify(spans, null, 1)).toBeDefined();
    expect(clientSpan?.attributes).toMatchObject({ 'url.full': `${observability.url}/health` });
    // The fetch happened inside the handler, so its span hangs below the server span's tree.
    const ids = new Set(spans.map((s) => s.spanId));
    expect(ids.has(clientSpan?.parentSpanId ?? '')).toBe(true);
    expect(spans.some((s) => s.name.startsWith('request handler'))).toBe(true);
  });
});
