import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateSamplingRuleCommand } from '@aws-sdk/client-xray';
import AWSXRay from 'aws-xray-sdk-core';
import xrayExpress from 'aws-xray-sdk-express';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpanView } from '../src/contract/trace-view.js';
import { parseXrayTraceId } from '../src/receivers/xray/xray-trace-id.js';
import type { RunningServer } from '../src/server.js';
import { startTestServer, stopAllServers } from './support/running-server.js';
import { eventually, xrayClient } from './support/xray-client.js';

let server: RunningServer;
let app: Server;
let appUrl: string;

/** A Cruddur-like API instrumented the classic way: aws-xray-sdk-express around the routes. */
function startApp(): Promise<Server> {
  const api = express();
  api.use(xrayExpress.openSegment('cruddur-backend'));
  api.get('/api/activities/home', async (_req, res) => {
    const segment = AWSXRay.getSegment() as AWSXRay.Segment;
    segment.addAnnotation('user_handle', 'andrewbrown');
    await AWSXRay.captureAsyncFunc('mock-data', async (subsegment) => {
      subsegment?.addMetadata('now', '2026-11-21T07:00:00Z');
      subsegment?.addMetadata('results-size', 2);
      subsegment?.close();
    });
    res.json([{ uuid: '68f126b0-1ceb-4a33-88be-d90fa7109eee', handle: 'andrewbrown' }]);
  });
  api.get('/api/sampled/:marker', (req, res) => {
    (AWSXRay.getSegment() as AWSXRay.Segment).addAnnotation('marker', req.params.marker);
    res.json({ ok: true });
  });
  api.get('/api/messages', async (_req, res) => {
    for (const name of ['load-group', 'load-messages', 'load-users']) {
      await AWSXRay.captureAsyncFunc(name, async (subsegment) => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        subsegment?.close();
      });
    }
    res.json([]);
  });
  api.get('/api/never/:marker', (req, res) => {
    (AWSXRay.getSegment() as AWSXRay.Segment | undefined)?.addAnnotation(
      'marker',
      req.params.marker,
    );
    res.json({ ok: true });
  });
  api.use(xrayExpress.closeSegment());
  return new Promise((resolve) => {
    const listening = api.listen(0, '127.0.0.1', () => resolve(listening));
  });
}

beforeAll(async () => {
  server = await startTestServer();
  AWSXRay.setLogger({ error() {}, warn() {}, info() {}, debug() {} });
  AWSXRay.setDaemonAddress(
    `udp:127.0.0.1:${server.xrayUdpPort} tcp:127.0.0.1:${server.xrayTcpPort}`,
  );
  app = await startApp();
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => app?.close(resolve));
  await stopAllServers();
});

function xrayTraceId(): string {
  return `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

async function storedSpans(traceId: string, count: number): Promise<SpanView[]> {
  return eventually(`${count} spans of ${traceId}`, async () => {
    const trace = await server.store.trace(parseXrayTraceId(traceId)!);
    return trace !== undefined && trace.spans.length >= count ? [...trace.spans] : undefined;
  });
}

describe('the X-Ray daemon with aws-xray-sdk-core and aws-xray-sdk-express', () => {
  it('stores a traced Express request as a server span with its subsegment, annotation and metadata', async () => {
    const traceId = xrayTraceId();
    const response = await fetch(`${appUrl}/api/activities/home`, {
      headers: { 'x-amzn-trace-id': `Root=${traceId};Sampled=1`, 'user-agent': 'vitest' },
    });
    expect(response.status).toBe(200);

    const [segment, subsegment] = await storedSpans(traceId, 2);
    expect(segment).toMatchObject({
      name: 'cruddur-backend',
      service: 'cruddur-backend',
      kind: 'server',
      parentSpanId: null,
      source: 'xray',
    });
    expect(segment!.attributes).toMatchObject({
      'http.request.method': 'GET',
      'url.path': '/api/activities/home',
      'http.response.status_code': 200,
      'user_agent.original': 'vitest',
      user_handle: 'andrewbrown',
      'aws.xray.annotations': ['user_handle'],
      'aws.xray.sdk': 'X-Ray for Node.js',
    });
    expect(String(segment!.attributes['url.full'])).toMatch(/\/api\/activities\/home$/);
    expect(subsegment).toMatchObject({
      name: 'mock-data',
      service: 'cruddur-backend',
      kind: 'internal',
      parentSpanId: segment!.spanId,
    });
    expect(subsegment!.attributes).toMatchObject({
      now: '2026-11-21T07:00:00Z',
      'results-size': 2,
    });
  });

  it("keeps subsegments the SDK streams ahead of their segment in the segment's service", async () => {
    // Past the threshold the SDK sends each closed subsegment as its own datagram, before the segment.
    AWSXRay.setStreamingThreshold(0);
    try {
      const received = async () =>
        ((await (await fetch(`${server.url}/health`)).json()) as { xray: { received: number } })
          .xray.received;
      const before = await received();
      const traceId = xrayTraceId();
      const response = await fetch(`${appUrl}/api/messages`, {
        headers: { 'x-amzn-trace-id': `Root=${traceId};Sampled=1` },
      });
      expect(response.status).toBe(200);
      const spans = await storedSpans(traceId, 4);
      const [segment, ...subsegments] = spans;
      expect(segment).toMatchObject({ name: 'cruddur-backend', kind: 'server' });
      expect(subsegments.map((s) => [s.name, s.service, s.parentSpanId])).toEqual([
        ['load-group', 'cruddur-backend', segment!.spanId],
        ['load-messages', 'cruddur-backend', segment!.spanId],
        ['load-users', 'cruddur-backend', segment!.spanId],
      ]);
      // More than one datagram: some subsegments travelled on their own.
      expect((await received()) - before).toBeGreaterThan(1);
    } finally {
      AWSXRay.setStreamingThreshold(100);
    }
  });

  it('serves centralized sampling rules over TCP, and the SDK applies them', async () => {
    const client = xrayClient(server.url);
    const rule = {
      ResourceARN: '*',
      ServiceName: '*',
      ServiceType: '*',
      Host: '*',
      HTTPMethod: 'GET',
      Version: 1,
    };
    await client.send(
      new CreateSamplingRuleCommand({
        SamplingRule: {
          ...rule,
          RuleName: 'never',
          Priority: 1,
          FixedRate: 0,
          ReservoirSize: 0,
          URLPath: '/api/never/*',
        },
      }),
    );
    await client.send(
      new CreateSamplingRuleCommand({
        SamplingRule: {
          ...rule,
          RuleName: 'always',
          Priority: 2,
          FixedRate: 1,
          ReservoirSize: 0,
          URLPath: '/api/sampled/*',
        },
      }),
    );
    // The first request without a trace header starts the SDK's pollers, which fetch the rules.
    await fetch(`${appUrl}/api/sampled/warm-up`);
    await eventually('the SDK to fetch sampling rules', async () => {
      const health = (await (await fetch(`${server.url}/health`)).json()) as {
        xray: { samplingPolls: { rules: number } };
      };
      return health.xray.samplingPolls.rules > 0 ? true : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));

    const marker = randomBytes(6).toString('hex');
    for (let i = 0; i < 5; i++)
      expect((await fetch(`${appUrl}/api/never/${marker}`)).status).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await fetch(`${appUrl}/api/sampled/${marker}`)).status).toBe(200);

    const rows = async (path: string) =>
      server.store.query(
        `SELECT count(*) AS n FROM events WHERE source = 'xray' AND "s:marker" = $1 AND "s:url.path" LIKE $2`,
        [marker, `/api/${path}/%`],
      );
    await eventually('the five sampled requests', async () =>
      Number((await rows('sampled'))[0]!.n) === 5 ? true : undefined,
    );
    expect(Number((await rows('never'))[0]!.n)).toBe(0);
  });
});
