import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BatchGetTracesCommand, XRayClient } from '@aws-sdk/client-xray';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackendProcess, startBackendProcess } from './support/backend-process.js';
import {
  type ObservabilityServer,
  startObservability,
  waitForTrace,
} from './support/observability.js';
import type { TraceTree } from './support/trace-tree.js';

/**
 * The API exporting each span twice, as OTLP and as X-Ray segment documents over UDP, checked
 * through the observability server's own APIs. The "split" backend sends OTLP to one server and
 * X-Ray to another, so each side is seen alone; the "merged" backend sends both to one server,
 * which must show every span once.
 */

interface XrayDocument {
  id: string;
  name: string;
  trace_id: string;
  parent_id?: string;
  type?: string;
  namespace?: string;
  error?: boolean;
  fault?: boolean;
  http?: { request?: { method?: string; url?: string }; response?: { status?: number } };
  sql?: { database_type?: string; sanitized_query?: string };
  annotations?: Record<string, unknown>;
  metadata?: Record<string, Record<string, unknown>>;
  cause?: { exceptions?: { message?: string }[] };
  subsegments?: XrayDocument[];
  /** Set here: the document was one of BatchGetTraces' `Segments`, not nested in another. */
  topLevel?: boolean;
}

const servers: Record<'otlpOnly' | 'xrayOnly' | 'merged', ObservabilityServer | undefined> = {
  otlpOnly: undefined,
  xrayOnly: undefined,
  merged: undefined,
};
const backends: Record<'split' | 'merged', BackendProcess | undefined> = {
  split: undefined,
  merged: undefined,
};
let dataDir: string | undefined;
let startError: unknown;

function running<T>(value: T | undefined): T {
  if (value === undefined) throw startError ?? new Error('not started');
  return value;
}

function backendEnv(otlp: ObservabilityServer, xray: ObservabilityServer, db: string) {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    SESSION_SECRET: 'xray-end-to-end-session-secret',
    OTEL_SERVICE_NAME: 'cruddur-backend',
    OTEL_BSP_SCHEDULE_DELAY: '100',
    OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${xray.xrayUdpPort}`,
    CRUDDUR_DATA_DIR: db,
  };
}

beforeAll(async () => {
  try {
    const [otlpOnly, xrayOnly, merged, folder] = await Promise.all([
      startObservability(),
      startObservability(),
      startObservability(),
      mkdtemp(path.join(tmpdir(), 'cruddur-xray-e2e-')),
    ]);
    Object.assign(servers, { otlpOnly, xrayOnly, merged });
    dataDir = folder;
    // One after the other: two embedded databases migrating at once make a slow machine slower.
    backends.split = await startBackendProcess(
      backendEnv(otlpOnly, xrayOnly, path.join(folder, 'split')),
    );
    backends.merged = await startBackendProcess(
      backendEnv(merged, merged, path.join(folder, 'merged')),
    );
  } catch (error) {
    startError = error;
  }
}, 150_000);

afterAll(async () => {
  const exits = await Promise.all(
    Object.values(backends).map(async (backend) => ({ backend, exit: await backend?.stop() })),
  );
  await Promise.allSettled(Object.values(servers).map((server) => server?.stop()));
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  for (const { backend, exit } of exits) {
    if (exit !== undefined && exit.code !== 0) {
      throw new Error(`backend exited with ${JSON.stringify(exit)}:\n${backend?.output()}`);
    }
  }
}, 30_000);

function xrayClient(server: ObservabilityServer): XRayClient {
  return new XRayClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

/**
 * X-Ray answers each segment with its subsegments nested inside (`subsegments[]`), as the real
 * service assembles them; this lists every (sub)segment with its trace and the id of its parent.
 */
function flatten(document: XrayDocument, container: XrayDocument | undefined): XrayDocument[] {
  const { subsegments, ...own } = document;
  const parentId = own.parent_id ?? container?.id;
  const self: XrayDocument = {
    ...own,
    trace_id: own.trace_id ?? container?.trace_id,
    ...(parentId === undefined ? {} : { parent_id: parentId }),
  };
  return [self, ...(subsegments ?? []).flatMap((child) => flatten(child, self))];
}

/** `BatchGetTraces` until the trace holds at least `count` (sub)segments. */
async function xrayDocuments(
  server: ObservabilityServer,
  xrayTraceId: string,
  count: number,
): Promise<XrayDocument[]> {
  const client = xrayClient(server);
  const deadline = Date.now() + 5_000;
  let documents: XrayDocument[] = [];
  for (;;) {
    const { Traces } = await client.send(new BatchGetTracesCommand({ TraceIds: [xrayTraceId] }));
    documents = (Traces?.[0]?.Segments ?? []).flatMap((segment) =>
      flatten(
        { ...(JSON.parse(segment.Document ?? '{}') as XrayDocument), topLevel: true },
        undefined,
      ),
    );
    if (documents.length >= count || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  client.destroy();
  expect(documents.length, JSON.stringify(documents, null, 1)).toBeGreaterThanOrEqual(count);
  return documents;
}

/** A request from an X-Ray-instrumented caller: only `X-Amzn-Trace-Id`, with a current epoch. */
async function xrayCallerRequest(baseUrl: string, path: string) {
  const traceId = `${Math.floor(Date.now() / 1000).toString(16)}${randomBytes(12).toString('hex')}`;
  const callerSpanId = randomBytes(8).toString('hex');
  const xrayTraceId = `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { 'X-Amzn-Trace-Id': `Root=${xrayTraceId};Parent=${callerSpanId};Sampled=1` },
  });
  return {
    status: response.status,
    body: (await response.json()) as unknown,
    traceId,
    xrayTraceId,
    callerSpanId,
  };
}

const hasServiceSpans = (service: string) => (tree: TraceTree) =>
  tree.named(service).length > 0 && tree.spans.some((span) => span.kind === 'server');

/**
 * One X-Ray caller's request to the split API (OTLP to one server, X-Ray to another): its trace
 * as the OTLP server stores it, once `service`'s spans are in, and as the X-Ray API returns it.
 */
async function seenBothWays(path: string, status: number, service: string) {
  const request = await xrayCallerRequest(running(backends.split).url, path);
  expect(request.status).toBe(status);
  const otlp = await waitForTrace(
    running(servers.otlpOnly).url,
    request.traceId,
    hasServiceSpans(service),
    5_000,
  );
  const documents = await xrayDocuments(
    running(servers.xrayOnly),
    request.xrayTraceId,
    otlp.spans.length,
  );
  return { request, otlp, documents };
}

describe('the same request through OTLP and through X-Ray', () => {
  it("one trace, one set of spans: a user's cruds seen by OTLP alone and by X-Ray alone", async () => {
    const { request, otlp, documents } = await seenBothWays(
      '/api/activities/@worf',
      200,
      'user-activities-data',
    );

    expect(new Set(documents.map((doc) => doc.trace_id))).toEqual(new Set([request.xrayTraceId]));
    const otlpParents = new Map(otlp.spans.map((span) => [span.spanId, span.parentSpanId]));
    const xrayParents = new Map(documents.map((doc) => [doc.id, doc.parent_id ?? null]));
    expect(xrayParents).toEqual(otlpParents);

    // The server span continues the X-Ray caller and is the only segment.
    const [server] = otlp.roots();
    expect(server?.parentSpanId).toBe(request.callerSpanId);
    // Subsegments come back nested in their segment, so the top level holds segments only.
    const segments = documents.filter((doc) => doc.topLevel && doc.type !== 'subsegment');
    expect(segments.map((doc) => doc.id)).toEqual([server?.spanId]);
    expect(segments[0]).toMatchObject({
      name: 'cruddur-backend',
      http: { request: { method: 'GET' }, response: { status: 200 } },
      annotations: { app_user_handle: 'andrewbrown' },
    });
    expect(segments[0]?.http?.request?.url).toMatch(/\/api\/activities\/@worf$/);

    // The seeds' mock-data subsegment: metadata now and results-size.
    const [data] = otlp.named('user-activities-data');
    const dataDocument = documents.find((doc) => doc.id === data?.spanId);
    expect(dataDocument).toMatchObject({
      name: 'user-activities-data',
      parent_id: data?.parentSpanId,
    });
    expect(dataDocument?.metadata?.default).toMatchObject({
      now: data?.attributes['app.now'],
      'results-size': (request.body as unknown[]).length,
    });

    // Every query is a remote SQL subsegment with its parameterised text.
    const queries = otlp.querySpans();
    expect(queries).not.toHaveLength(0);
    for (const query of queries) {
      const doc = documents.find((d) => d.id === query.spanId);
      expect(doc, query.name).toMatchObject({
        namespace: 'remote',
        sql: { database_type: 'postgresql', sanitized_query: query.attributes['db.query.text'] },
      });
    }
  });

  it('a 404: error on the segment, a fault with its cause on the service subsegment', async () => {
    const { otlp, documents } = await seenBothWays(
      '/api/activities/@nobody',
      404,
      'user-activities',
    );
    const segment = documents.find((doc) => doc.topLevel && doc.type !== 'subsegment');
    expect(segment).toMatchObject({ error: true, http: { response: { status: 404 } } });
    expect(segment?.fault).toBeUndefined();
    const [service] = otlp.named('user-activities');
    const serviceDocument = documents.find((doc) => doc.id === service?.spanId);
    expect(serviceDocument?.fault).toBe(true);
    expect(serviceDocument?.cause?.exceptions?.[0]?.message).toContain('nobody');
  });

  it('a server receiving both shows every span once', async () => {
    const request = await xrayCallerRequest(running(backends.merged).url, '/api/activities/@worf');
    const merged = running(servers.merged);
    const otlp = await waitForTrace(
      merged.url,
      request.traceId,
      hasServiceSpans('user-activities-data'),
      5_000,
    );
    const documents = await xrayDocuments(merged, request.xrayTraceId, otlp.spans.length);
    // Let any late duplicate arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = await waitForTrace(merged.url, request.traceId, () => true, 5_000);
    const ids = again.spans.map((span) => span.spanId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(documents.map((doc) => doc.id)));
  });
});
