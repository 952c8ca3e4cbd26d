// @vitest-environment jsdom
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserTelemetry, startBrowserTelemetry } from './start-browser-telemetry.js';

/** Two real HTTP servers: the API (gets traceparent) and a third party (must not). */
async function headerRecorder(): Promise<{
  url: string;
  seen: IncomingHttpHeaders[];
  server: Server;
}> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'traceparent, content-type',
      'content-type': 'application/json',
    });
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

const lastTraceIdSent = () => String(api.seen.at(-1)?.traceparent ?? '').split('-')[1];

let api: Awaited<ReturnType<typeof headerRecorder>>;
let thirdParty: Awaited<ReturnType<typeof headerRecorder>>;
let telemetry: BrowserTelemetry;
const exporter = new InMemorySpanExporter();
let user = 'andrewbrown';

beforeAll(async () => {
  api = await headerRecorder();
  thirdParty = await headerRecorder();
  telemetry = startBrowserTelemetry({
    serviceName: 'cruddur-frontend',
    tracesUrl: 'http://127.0.0.1:9/v1/traces',
    propagateTo: [api.url],
    userId: () => user,
    exporter,
  });
});

afterAll(async () => {
  await telemetry.shutdown();
  api.server.close();
  thirdParty.server.close();
});

describe('startBrowserTelemetry', () => {
  it('sends traceparent to the API origin only', async () => {
    await fetch(`${api.url}/api/activities/home`);
    await fetch(`${thirdParty.url}/collect`);
    expect(api.seen.at(-1)?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(thirdParty.seen.at(-1)?.traceparent).toBeUndefined();
  });

  it('records fetch spans under the browser service, stamped with the current user', async () => {
    user = 'worf';
    await fetch(`${api.url}/api/activities/notifications`);
    const sent = lastTraceIdSent();
    // The fetch span ends once the browser's resource timing is in (or after a short wait).
    const ofThisFetch = () =>
      exporter
        .getFinishedSpans()
        .find((span) => span.kind === SpanKind.CLIENT && span.spanContext().traceId === sent);
    await expect
      .poll(async () => {
        await telemetry.flush();
        return ofThisFetch();
      })
      .toBeDefined();
    expect(ofThisFetch()?.attributes['app.userId']).toBe('worf');
    expect(ofThisFetch()?.resource.attributes['service.name']).toBe('cruddur-frontend');
  });

  it('starts trace ids with the epoch second, so they are X-Ray trace ids too', async () => {
    const before = Math.floor(Date.now() / 1000);
    await fetch(`${api.url}/api/activities/search?term=x`);
    const seconds = Number.parseInt(lastTraceIdSent()!.slice(0, 8), 16);
    expect(seconds).toBeGreaterThanOrEqual(before);
    expect(seconds).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
  });

  it('names the trace of the last span for errors reported outside any span', async () => {
    await fetch(`${api.url}/api/message_groups`);
    const sent = lastTraceIdSent();
    expect(telemetry.currentTraceId()).toBe(sent);
  });

  it('traces a click and parents a fetch started in its handler', async () => {
    exporter.reset();
    const button = document.createElement('button');
    button.textContent = 'Crud';
    document.body.append(button);
    let traceparent: string | undefined;
    button.addEventListener('click', () => {
      void fetch(`${api.url}/api/activities`).then(() => {
        traceparent = String(api.seen.at(-1)?.traceparent);
      });
    });
    button.click();
    await expect.poll(() => traceparent).toBeDefined();
    await expect
      .poll(async () => {
        await telemetry.flush();
        return exporter.getFinishedSpans().map((span) => span.name);
      })
      .toContain('click');
    const click = exporter.getFinishedSpans().find((span) => span.name === 'click')!;
    expect(traceparent?.split('-')[1]).toBe(click.spanContext().traceId);
    expect(click.attributes['app.userId']).toBe('worf');
  });
});
