import { randomBytes } from 'node:crypto';
import {
  BatchGetTracesCommand,
  CreateGroupCommand,
  CreateSamplingRuleCommand,
  DeleteGroupCommand,
  DeleteSamplingRuleCommand,
  GetGroupCommand,
  GetGroupsCommand,
  GetSamplingRulesCommand,
  GetSamplingTargetsCommand,
  GetServiceGraphCommand,
  GetTraceSummariesCommand,
  InvalidRequestException,
  PutTraceSegmentsCommand,
  RuleLimitExceededException,
  type SamplingRule,
  type XRayClient,
} from '@aws-sdk/client-xray';
import { SpanKind } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { forget, startTestServer, stopAllServers, tempDataFile } from './support/running-server.js';
import { xrayClient } from './support/xray-client.js';

const NOW_S = Math.floor(Date.now() / 1000);

function traceId(): string {
  return `1-${NOW_S.toString(16)}-${randomBytes(12).toString('hex')}`;
}
function spanId(): string {
  return randomBytes(8).toString('hex');
}

/** A backend segment with a nested SQL subsegment, as an X-Ray SDK would send it. */
function backendSegment(
  trace: string,
  options: { status?: number; parent?: string; url?: string } = {},
) {
  const id = spanId();
  const status = options.status ?? 200;
  return {
    id,
    document: {
      trace_id: trace,
      id,
      name: 'cruddur-backend',
      start_time: NOW_S - 5,
      end_time: NOW_S - 4.75,
      ...(options.parent === undefined ? {} : { parent_id: options.parent }),
      http: {
        request: { method: 'GET', url: options.url ?? 'http://localhost:4567/api/activities/home' },
        response: { status },
      },
      ...(status >= 500 ? { fault: true } : {}),
      annotations: { user_handle: 'andrewbrown' },
      metadata: { default: { 'results-size': 2 } },
      subsegments: [
        {
          id: spanId(),
          name: 'cruddur@localhost',
          namespace: 'remote',
          start_time: NOW_S - 4.9,
          end_time: NOW_S - 4.8,
          sql: { database_type: 'PostgreSQL', sanitized_query: 'SELECT * FROM activities' },
        },
      ],
    },
  };
}

const BASE_RULE = {
  ResourceARN: '*',
  Priority: 100,
  FixedRate: 0.5,
  ReservoirSize: 3,
  ServiceName: 'cruddur-backend',
  ServiceType: '*',
  Host: '*',
  HTTPMethod: 'GET',
  URLPath: '/api/*',
  Version: 1,
} satisfies Omit<SamplingRule, 'RuleName'>;

let server: RunningServer;
let client: XRayClient;

beforeAll(async () => {
  server = await startTestServer({ data: tempDataFile() });
  client = xrayClient(server.url);
});

afterAll(stopAllServers);

async function summaries(filter?: string) {
  const out = await client.send(
    new GetTraceSummariesCommand({
      StartTime: new Date((NOW_S - 60) * 1000),
      EndTime: new Date((NOW_S + 60) * 1000),
      ...(filter === undefined ? {} : { FilterExpression: filter }),
    }),
  );
  return out.TraceSummaries ?? [];
}

describe('the X-Ray API through @aws-sdk/client-xray', () => {
  const okTrace = traceId();
  const faultTrace = traceId();
  const ok = backendSegment(okTrace);
  const fault = backendSegment(faultTrace, {
    status: 502,
    url: 'http://localhost:4567/api/messages',
  });
  const frontendId = spanId();
  const streamedId = spanId();

  beforeAll(async () => {
    const frontend = {
      trace_id: faultTrace,
      id: frontendId,
      name: 'cruddur-frontend',
      start_time: NOW_S - 5.1,
      end_time: NOW_S - 4.5,
      http: {
        request: { method: 'GET', url: 'http://localhost:3000/messages' },
        response: { status: 502 },
      },
      fault: true,
    };
    const faultWithParent = { ...fault.document, parent_id: frontendId };
    // Sent on its own, before its segment: it must still land in the segment's service.
    const streamed = {
      type: 'subsegment',
      trace_id: okTrace,
      parent_id: ok.id,
      id: streamedId,
      name: 'render',
      start_time: NOW_S - 4.78,
      end_time: NOW_S - 4.77,
    };
    const first = await client.send(
      new PutTraceSegmentsCommand({ TraceSegmentDocuments: [JSON.stringify(streamed)] }),
    );
    expect(first.UnprocessedTraceSegments).toEqual([]);
    const out = await client.send(
      new PutTraceSegmentsCommand({
        TraceSegmentDocuments: [ok.document, faultWithParent, frontend].map((d) =>
          JSON.stringify(d),
        ),
      }),
    );
    expect(out.UnprocessedTraceSegments).toEqual([]);
  });

  it('finds traces by service, status, URL, response time, fault and annotation', async () => {
    const ids = async (filter?: string) =>
      (await summaries(filter))
        .map((s) => s.Id)
        .filter((id) => id === okTrace || id === faultTrace)
        .sort();
    const both = [okTrace, faultTrace].sort();
    expect(await ids()).toEqual(both);
    expect(await ids('service("cruddur-backend")')).toEqual(both);
    expect(await ids('service("cruddur-frontend")')).toEqual([faultTrace]);
    expect(await ids('http.status = 200')).toEqual([okTrace]);
    expect(await ids('http.status >= 500')).toEqual([faultTrace]);
    expect(await ids('http.url CONTAINS "/api/messages"')).toEqual([faultTrace]);
    expect(await ids('fault')).toEqual([faultTrace]);
    expect(await ids('!fault')).toEqual([okTrace]);
    expect(await ids('error')).toEqual([]);
    expect(await ids('annotation.user_handle = "andrewbrown" AND responsetime < 1')).toEqual(both);
    expect(await ids('service("cruddur-frontend") OR http.status = 200')).toEqual(both);
    expect(await ids('duration > 0.55')).toEqual([faultTrace]);
    const byTraceIdTime = await client.send(
      new GetTraceSummariesCommand({
        StartTime: new Date((NOW_S - 1) * 1000),
        EndTime: new Date((NOW_S + 1) * 1000),
        TimeRangeType: 'TraceId',
        FilterExpression: 'service("cruddur-frontend")',
      }),
    );
    expect(byTraceIdTime.TraceSummaries!.map((s) => s.Id)).toEqual([faultTrace]);
    const beforeTraceIds = await client.send(
      new GetTraceSummariesCommand({
        StartTime: new Date((NOW_S - 100) * 1000),
        EndTime: new Date((NOW_S - 50) * 1000),
        TimeRangeType: 'TraceId',
      }),
    );
    expect(beforeTraceIds.TraceSummaries).toEqual([]);
  });

  it('summarizes a trace as X-Ray does: entry point, HTTP, flags, annotations', async () => {
    const summary = (await summaries()).find((s) => s.Id === faultTrace)!;
    expect(summary).toMatchObject({
      HasFault: true,
      HasError: false,
      Http: { HttpURL: 'http://localhost:3000/messages', HttpStatus: 502, HttpMethod: 'GET' },
      EntryPoint: { Name: 'cruddur-frontend' },
      Annotations: { user_handle: [{ AnnotationValue: { StringValue: 'andrewbrown' } }] },
    });
    expect(summary.ServiceIds?.map((s) => s.Name).sort()).toEqual([
      'cruddur-backend',
      'cruddur-frontend',
    ]);
    expect(summary.Duration).toBeCloseTo(0.6, 3);
  });

  it('reads traces back as one document per segment, subsegments nested', async () => {
    const out = await client.send(
      new BatchGetTracesCommand({ TraceIds: [okTrace, faultTrace, traceId()] }),
    );
    expect(out.UnprocessedTraceIds).toHaveLength(1);
    const okDocs = out
      .Traces!.find((t) => t.Id === okTrace)!
      .Segments!.map((s) => JSON.parse(s.Document!));
    expect(okDocs).toHaveLength(1);
    const [segment] = okDocs;
    expect(segment).toMatchObject({
      trace_id: okTrace,
      id: ok.id,
      name: 'cruddur-backend',
      http: { request: { method: 'GET' }, response: { status: 200 } },
      annotations: { user_handle: 'andrewbrown' },
      metadata: { default: { 'results-size': 2 } },
    });
    expect(segment.end_time - segment.start_time).toBeCloseTo(0.25, 5);
    const names = segment.subsegments.map((s: { name: string }) => s.name).sort();
    expect(names).toEqual(['cruddur@localhost', 'render']);
    const sql = segment.subsegments.find((s: { name: string }) => s.name === 'cruddur@localhost');
    expect(sql).toMatchObject({
      namespace: 'remote',
      sql: { database_type: 'PostgreSQL', sanitized_query: 'SELECT * FROM activities' },
    });
    const faultDocs = out
      .Traces!.find((t) => t.Id === faultTrace)!
      .Segments!.map((s) => JSON.parse(s.Document!));
    expect(faultDocs.map((d) => d.name).sort()).toEqual(['cruddur-backend', 'cruddur-frontend']);
    expect(faultDocs.find((d) => d.name === 'cruddur-backend')).toMatchObject({
      parent_id: frontendId,
      fault: true,
    });
  });

  it('draws the service graph with the edge from front end to back end', async () => {
    const out = await client.send(
      new GetServiceGraphCommand({
        StartTime: new Date((NOW_S - 60) * 1000),
        EndTime: new Date((NOW_S + 60) * 1000),
      }),
    );
    const byName = new Map(out.Services!.map((s) => [s.Name, s]));
    const frontend = byName.get('cruddur-frontend')!;
    const backend = byName.get('cruddur-backend')!;
    expect(frontend.Root).toBe(true);
    expect(frontend.Edges!.map((e) => e.ReferenceId)).toContain(backend.ReferenceId);
    expect(backend.SummaryStatistics!.FaultStatistics!.TotalCount).toBeGreaterThanOrEqual(1);
  });
});

describe('OTLP spans in the X-Ray API', () => {
  it('returns an OTLP-sourced trace as segment documents, and an X-Ray copy of a span stays one span', async () => {
    const trace = traceId();
    const hex = trace.replaceAll('-', '').slice(1);
    const serverSpanId = spanId();
    const ids = [serverSpanId, spanId()];
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'cruddur-backend' }),
      idGenerator: { generateTraceId: () => hex, generateSpanId: () => ids.shift() ?? spanId() },
      spanProcessors: [
        new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${server.url}/v1/traces` })),
      ],
    });
    const tracer = provider.getTracer('test');
    const root = tracer.startSpan('GET /api/messages', {
      kind: SpanKind.SERVER,
      startTime: (NOW_S - 3) * 1000,
      attributes: {
        'http.request.method': 'GET',
        'http.response.status_code': 200,
        'app.results': 3,
      },
    });
    const { trace: api, context } = await import('@opentelemetry/api');
    const child = tracer.startSpan(
      'pg.query:SELECT cruddur',
      {
        kind: SpanKind.CLIENT,
        startTime: (NOW_S - 3) * 1000 + 10,
        attributes: { 'db.system': 'postgresql' },
      },
      api.setSpan(context.active(), root),
    );
    child.end((NOW_S - 3) * 1000 + 20);
    root.end((NOW_S - 3) * 1000 + 50);
    await provider.forceFlush();
    await provider.shutdown();

    // The same server span, as an X-Ray exporter would send it: one span, not two.
    await client.send(
      new PutTraceSegmentsCommand({
        TraceSegmentDocuments: [
          JSON.stringify({
            trace_id: trace,
            id: serverSpanId,
            name: 'cruddur-backend',
            start_time: NOW_S - 3,
            end_time: NOW_S - 2.95,
          }),
        ],
      }),
    );
    const out = await client.send(new BatchGetTracesCommand({ TraceIds: [trace] }));
    const docs = out.Traces![0]!.Segments!.map((s) => JSON.parse(s.Document!));
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({
      id: serverSpanId,
      name: 'cruddur-backend',
      http: { request: { method: 'GET' }, response: { status: 200 } },
      metadata: { default: { 'app.results': 3, 'otel.resource.service.name': 'cruddur-backend' } },
    });
    expect(docs[0].subsegments).toHaveLength(1);
    expect(docs[0].subsegments[0]).toMatchObject({
      namespace: 'remote',
      sql: { database_type: 'postgresql' },
    });
    const rows = await server.store.query(
      `SELECT count(*) AS n FROM events WHERE trace_id = $1::UHUGEINT`,
      [BigInt(`0x${hex}`).toString()],
    );
    expect(Number(rows[0]!.n)).toBe(2);
  });
});

describe('groups', () => {
  it('creates, lists, reads and deletes groups; a group filters summaries and the service graph', async () => {
    const created = await client.send(
      new CreateGroupCommand({
        GroupName: 'cruddur-backend',
        FilterExpression: 'service("cruddur-backend")',
      }),
    );
    expect(created.Group).toMatchObject({
      GroupName: 'cruddur-backend',
      FilterExpression: 'service("cruddur-backend")',
    });
    expect(created.Group!.GroupARN).toMatch(/^arn:aws:xray:.*:group\/cruddur-backend\//);
    await client.send(new CreateGroupCommand({ GroupName: 'scratch', FilterExpression: 'fault' }));

    const groups = await client.send(new GetGroupsCommand({}));
    expect(groups.Groups!.map((g) => g.GroupName)).toEqual([
      'Default',
      'cruddur-backend',
      'scratch',
    ]);
    const one = await client.send(new GetGroupCommand({ GroupARN: created.Group!.GroupARN }));
    expect(one.Group!.GroupName).toBe('cruddur-backend');
    await client.send(new DeleteGroupCommand({ GroupName: 'scratch' }));
    await expect(client.send(new GetGroupCommand({ GroupName: 'scratch' }))).rejects.toThrow(
      InvalidRequestException,
    );

    const inGroup = await summaries('group.name = "cruddur-backend"');
    expect(inGroup.length).toBeGreaterThan(0);
    expect(inGroup.every((s) => s.ServiceIds!.some((id) => id.Name === 'cruddur-backend'))).toBe(
      true,
    );
    const graph = await client.send(
      new GetServiceGraphCommand({
        StartTime: new Date((NOW_S - 60) * 1000),
        EndTime: new Date((NOW_S + 60) * 1000),
        GroupName: 'cruddur-backend',
      }),
    );
    expect(graph.Services!.map((s) => s.Name)).toContain('cruddur-backend');
  });

  it('refuses a duplicate name, a bad name and a bad filter with InvalidRequestException', async () => {
    await client.send(new CreateGroupCommand({ GroupName: 'dup', FilterExpression: 'ok' }));
    const refused = async (input: { GroupName: string; FilterExpression?: string }) => {
      const error = await client.send(new CreateGroupCommand(input)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRequestException);
      return (error as Error).message;
    };
    expect(await refused({ GroupName: 'dup' })).toMatch(/already exists/);
    expect(await refused({ GroupName: 'Default' })).toMatch(/already exists/);
    expect(await refused({ GroupName: 'x'.repeat(33) })).toMatch(/GroupName/);
    expect(await refused({ GroupName: 'loop', FilterExpression: 'group.name = "loop"' })).toMatch(
      /refer to groups/,
    );
    expect(await refused({ GroupName: 'bad-filter', FilterExpression: 'http.status = ' })).toMatch(
      /filter expression/,
    );
    const badSummary = await summaries('service("x") {').catch((e: unknown) => e);
    expect(badSummary).toBeInstanceOf(InvalidRequestException);
  });
});

describe('sampling rules', () => {
  it('always has the Default rule: 1 request a second, then 5 %', async () => {
    const out = await client.send(new GetSamplingRulesCommand({}));
    const rule = out.SamplingRuleRecords!.at(-1)!.SamplingRule!;
    expect(rule).toMatchObject({
      RuleName: 'Default',
      ReservoirSize: 1,
      FixedRate: 0.05,
      Priority: 10000,
      Version: 1,
      Attributes: {},
    });
    const deleted = await client
      .send(new DeleteSamplingRuleCommand({ RuleName: 'Default' }))
      .catch((e: unknown) => e);
    expect(deleted).toBeInstanceOf(InvalidRequestException);
  });

  it('creates a rule, hands out its reservoir in targets, and deletes it', async () => {
    const created = await client.send(
      new CreateSamplingRuleCommand({ SamplingRule: { ...BASE_RULE, RuleName: 'api' } }),
    );
    expect(created.SamplingRuleRecord!.SamplingRule).toMatchObject({
      RuleName: 'api',
      Attributes: {},
    });
    const rules = await client.send(new GetSamplingRulesCommand({}));
    expect(rules.SamplingRuleRecords!.map((r) => r.SamplingRule!.RuleName)).toContain('api');

    const targets = await client.send(
      new GetSamplingTargetsCommand({
        SamplingStatisticsDocuments: [
          {
            RuleName: 'api',
            ClientID: 'a'.repeat(24),
            Timestamp: new Date(),
            RequestCount: 10,
            SampledCount: 4,
            BorrowCount: 0,
          },
          {
            RuleName: 'nope',
            ClientID: 'a'.repeat(24),
            Timestamp: new Date(),
            RequestCount: 1,
            SampledCount: 0,
          },
        ],
      }),
    );
    expect(targets.SamplingTargetDocuments).toEqual([
      expect.objectContaining({ RuleName: 'api', FixedRate: 0.5, ReservoirQuota: 3, Interval: 10 }),
    ]);
    expect(targets.LastRuleModification).toBeInstanceOf(Date);
    expect(targets.UnprocessedStatistics).toEqual([expect.objectContaining({ RuleName: 'nope' })]);

    const deleted = await client.send(new DeleteSamplingRuleCommand({ RuleName: 'api' }));
    expect(deleted.SamplingRuleRecord!.SamplingRule!.RuleName).toBe('api');
  });

  it('refuses rules the X-Ray SDKs would silently ignore, duplicates and rules past the limit', async () => {
    const refuse = async (rule: SamplingRule) => {
      const error = await client
        .send(new CreateSamplingRuleCommand({ SamplingRule: rule }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRequestException);
      return (error as Error).message;
    };
    expect(await refuse({ ...BASE_RULE, RuleName: 'v2', Version: 2 })).toMatch(/Version 1/);
    expect(await refuse({ ...BASE_RULE, RuleName: 'arn', ResourceARN: 'arn:aws:ecs:*' })).toMatch(
      /ResourceARN/,
    );
    expect(await refuse({ ...BASE_RULE, RuleName: 'rate', FixedRate: 1.5 })).toMatch(/FixedRate/);
    await client.send(
      new CreateSamplingRuleCommand({ SamplingRule: { ...BASE_RULE, RuleName: 'r0' } }),
    );
    expect(await refuse({ ...BASE_RULE, RuleName: 'r0' })).toMatch(/already exists/);
    for (let i = 1; i < 25; i++) {
      await client.send(
        new CreateSamplingRuleCommand({ SamplingRule: { ...BASE_RULE, RuleName: `r${i}` } }),
      );
    }
    const error = await client
      .send(new CreateSamplingRuleCommand({ SamplingRule: { ...BASE_RULE, RuleName: 'r25' } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleLimitExceededException);
  });

  it('keeps groups and rules across a restart', async () => {
    const data = tempDataFile();
    const first = await startTestServer({ data });
    const firstClient = xrayClient(first.url);
    await firstClient.send(
      new CreateGroupCommand({ GroupName: 'kept', FilterExpression: 'service("cruddur-backend")' }),
    );
    await firstClient.send(
      new CreateSamplingRuleCommand({ SamplingRule: { ...BASE_RULE, RuleName: 'kept' } }),
    );
    await first.stop();
    forget(first);
    const second = await startTestServer({ data });
    const secondClient = xrayClient(second.url);
    const groups = await secondClient.send(new GetGroupsCommand({}));
    expect(groups.Groups!.find((g) => g.GroupName === 'kept')?.FilterExpression).toBe(
      'service("cruddur-backend")',
    );
    const rules = await secondClient.send(new GetSamplingRulesCommand({}));
    expect(rules.SamplingRuleRecords!.map((r) => r.SamplingRule!.RuleName)).toEqual([
      'kept',
      'Default',
    ]);
  });
});

describe('bad requests', () => {
  it('answers malformed JSON and wrong shapes with x-amzn-ErrorType and a message, storing nothing', async () => {
    const before = await server.store.query('SELECT count(*) AS n FROM events');
    for (const [path, body] of [
      ['/TraceSegments', '{"TraceSegmentDocuments": ['],
      ['/TraceSegments', '{"TraceSegmentDocuments": "not a list"}'],
      ['/TraceSummaries', '{"StartTime": "yesterday"}'],
      ['/Traces', '{"TraceIds": []}'],
      ['/CreateSamplingRule', '[]'],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status, path).toBe(400);
      expect(response.headers.get('x-amzn-errortype')).toBe('InvalidRequestException');
      expect(((await response.json()) as { message: string }).message).not.toBe('');
    }
    expect(await server.store.query('SELECT count(*) AS n FROM events')).toEqual(before);
  });

  it('reports invalid documents in UnprocessedTraceSegments and stores the valid ones', async () => {
    const trace = traceId();
    const good = backendSegment(trace);
    const out = await client.send(
      new PutTraceSegmentsCommand({
        TraceSegmentDocuments: [
          JSON.stringify(good.document),
          '{not json',
          JSON.stringify({ ...good.document, id: 'short' }),
          JSON.stringify({ ...good.document, id: spanId(), trace_id: '1-abc' }),
          JSON.stringify({ ...good.document, id: spanId(), end_time: undefined }),
          'x'.repeat(70_000),
        ],
      }),
    );
    expect(out.UnprocessedTraceSegments!.map((u) => u.ErrorCode)).toEqual([
      'InvalidSegment',
      'InvalidSegment',
      'InvalidTraceId',
      'InvalidSegment',
      'InvalidSegment',
    ]);
    const back = await client.send(new BatchGetTracesCommand({ TraceIds: [trace] }));
    expect(back.Traces![0]!.Segments).toHaveLength(1);
  });

  it('refuses an oversized body with 413', async () => {
    const small = await startTestServer({ maxBodyBytes: 1024 });
    const error = await xrayClient(small.url)
      .send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: ['x'.repeat(4096)] }))
      .catch((e: unknown) => e);
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(413);
    expect((error as Error).name).toBe('InvalidRequestException');
  });

  it('needs a query key to read and an ingest key to write when keys are configured', async () => {
    const keyed = await startTestServer({ ingestKeys: ['send-only'], queryKeys: ['read'] });
    const post = (path: string, key?: string) =>
      fetch(`${keyed.url}${path}`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
      });
    expect((await post('/Groups')).status).toBe(403);
    expect((await post('/Groups', 'send-only')).status).toBe(403);
    expect((await post('/Groups', 'read')).status).toBe(200);
    const write = await post('/TraceSegments', 'send-only');
    expect(write.headers.get('x-amzn-errortype')).toBe('InvalidRequestException');
  });

  it('takes the key as the AWS SDK presents it: the access key id of the signed request', async () => {
    const keyed = await startTestServer({ ingestKeys: ['send-only'], queryKeys: ['read'] });
    const groups = await xrayClient(keyed.url, 'read').send(new GetGroupsCommand({}));
    expect(groups.Groups).toBeDefined();
    const denied = await xrayClient(keyed.url, 'send-only')
      .send(new GetGroupsCommand({}))
      .catch((error: unknown) => error);
    expect((denied as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(
      403,
    );
  });
});
