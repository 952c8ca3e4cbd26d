import { describe, expect, it } from 'vitest';
import { attributesToJson } from '../../model/attributes.js';
import { spanIdToHex, traceIdToHex } from '../../model/ids.js';
import type { Span } from '../../model/span.js';
import { spanToSegmentDocument } from '../../xray/span-to-segment-document.js';
import { parseXrayDocument } from './parse-xray-document.js';
import { segmentToSpans } from './segment-to-spans.js';
import type { XrayDocument } from './xray-segment-schema.js';

const TRACE = '1-5759e988-bd862e3fe1be46a994272793';

function parse(document: object): XrayDocument {
  const parsed = parseXrayDocument(JSON.stringify(document));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.document;
}

const segment = {
  trace_id: TRACE,
  id: '70de5b6f19ff9a0a',
  parent_id: '53995c3f42cd8ad8',
  name: 'cruddur-backend',
  start_time: 1_478_293_361.271,
  end_time: 1_478_293_361.449,
  user: 'andrewbrown',
  origin: 'AWS::EC2::Instance',
  service: { version: '1.2.3', runtime: 'node' },
  http: {
    request: {
      method: 'GET',
      url: 'http://localhost:4567/api/activities/home?x=1',
      user_agent: 'curl',
      client_ip: '10.0.0.1',
      x_forwarded_for: true,
    },
    response: { status: 500, content_length: 42 },
  },
  aws: {
    xray: { sdk: 'X-Ray for Node.js', sdk_version: '3.12.0' },
    ec2: { instance_id: 'i-0b5a4678fc325bg98' },
  },
  fault: true,
  cause: {
    working_directory: '/app',
    exceptions: [
      {
        id: '0123456789abcdef',
        type: 'Error',
        message: 'db down',
        stack: [{ path: 'app.js', line: 3, label: 'query' }],
      },
    ],
  },
  annotations: { user_handle: 'andrewbrown', results: 2, cached: false },
  metadata: { default: { now: '2026-11-21', payload: { size: 2 } }, debug: { trace: true } },
  links: [{ trace_id: '1-5759e988-bd862e3fe1be46a994272794', id: '0000000000000abc' }],
  future_field: { kept: 1 },
  subsegments: [
    {
      id: '1111111111111111',
      name: 'cruddur@localhost',
      namespace: 'remote',
      start_time: 1_478_293_361.3,
      end_time: 1_478_293_361.31,
      sql: {
        database_type: 'PostgreSQL',
        sanitized_query: 'SELECT 1',
        user: 'cruddur',
        url: 'postgres://localhost/cruddur',
      },
      subsegments: [
        {
          id: '2222222222222222',
          name: 'parse',
          start_time: 1_478_293_361.301,
          end_time: 1_478_293_361.302,
        },
      ],
    },
    {
      id: '3333333333333333',
      name: 'DynamoDB',
      namespace: 'aws',
      start_time: 1_478_293_361.32,
      in_progress: true,
      aws: { operation: 'GetItem', table_name: 'crud' },
    },
  ],
};

describe('segmentToSpans', () => {
  const spans = segmentToSpans(parse(segment));
  const [root, sql, dynamo] = spans as [Span, Span, Span, Span];

  it('keeps the 128 bits of the X-Ray trace id, so OTLP spans of the same trace join it', () => {
    expect(spans.map((s) => traceIdToHex(s.traceId))).toEqual(
      Array(4).fill('5759e988bd862e3fe1be46a994272793'),
    );
  });

  it('flattens nested subsegments into child spans, parents first', () => {
    expect(
      spans.map((s) => [
        s.name,
        spanIdToHex(s.spanId),
        s.parentSpanId && spanIdToHex(s.parentSpanId),
        s.kind,
      ]),
    ).toEqual([
      ['cruddur-backend', '70de5b6f19ff9a0a', '53995c3f42cd8ad8', 'server'],
      ['cruddur@localhost', '1111111111111111', '70de5b6f19ff9a0a', 'client'],
      ['DynamoDB', '3333333333333333', '70de5b6f19ff9a0a', 'client'],
      ['parse', '2222222222222222', '1111111111111111', 'internal'],
    ]);
  });

  it('turns seconds into nanoseconds at microsecond precision', () => {
    expect(root.startTimeUnixNano).toBe(1_478_293_361_271_000_000n);
    expect(root.endTimeUnixNano - root.startTimeUnixNano).toBe(178_000_000n);
  });

  it('maps fields to semantic-convention attributes and keeps the rest under aws.xray.*', () => {
    expect(attributesToJson(root.attributes)).toMatchObject({
      'http.request.method': 'GET',
      'url.full': 'http://localhost:4567/api/activities/home?x=1',
      'url.path': '/api/activities/home',
      'user_agent.original': 'curl',
      'client.address': '10.0.0.1',
      'http.response.status_code': 500,
      'http.response.body.size': 42,
      'aws.xray.http.x_forwarded_for': true,
      'enduser.id': 'andrewbrown',
      'aws.xray.origin': 'AWS::EC2::Instance',
      'aws.xray.service.version': '1.2.3',
      'aws.xray.sdk': 'X-Ray for Node.js',
      'aws.ec2.instance_id': 'i-0b5a4678fc325bg98',
      'aws.xray.fault': true,
      user_handle: 'andrewbrown',
      results: 2,
      cached: false,
      'aws.xray.annotations': ['user_handle', 'results', 'cached'],
      now: '2026-11-21',
      payload: { size: 2 },
      'aws.xray.metadata.debug': '{"trace":true}',
      'aws.xray.extra.future_field': '{"kept":1}',
    });
    expect(root.attributes.get('results')).toBe(2n);
    expect(root.status).toEqual({ code: 'error', message: 'db down' });
    expect(root.events[0]?.attributes.get('exception.stacktrace')).toBe('    at query (app.js:3)');
    expect(root.links.map((l) => spanIdToHex(l.spanId))).toEqual(['0000000000000abc']);
    expect(attributesToJson(sql.attributes)).toMatchObject({
      'db.system': 'postgresql',
      'db.query.text': 'SELECT 1',
      'db.user': 'cruddur',
      'aws.xray.sql.database_type': 'PostgreSQL',
    });
  });

  it('stores an in-progress subsegment with no duration, marked in progress', () => {
    expect(dynamo.endTimeUnixNano).toBe(dynamo.startTimeUnixNano);
    expect(dynamo.attributes.get('aws.xray.in_progress')).toBe(true);
    expect(attributesToJson(dynamo.attributes)).toMatchObject({
      'aws.operation': 'GetItem',
      'aws.table_name': 'crud',
    });
  });

  it('comes back as the same document through spanToSegmentDocument', () => {
    const view = (span: Span, service: string) => ({
      traceId: traceIdToHex(span.traceId),
      spanId: spanIdToHex(span.spanId),
      parentSpanId: span.parentSpanId === null ? null : spanIdToHex(span.parentSpanId),
      name: span.name,
      service,
      kind: span.kind,
      startTimeUnixNano: String(span.startTimeUnixNano),
      durationMs: Number(span.endTimeUnixNano - span.startTimeUnixNano) / 1e6,
      status: span.status,
      attributes: attributesToJson(span.attributes),
      resource: { 'service.name': service },
      events: [],
      links: span.links.map((link) => ({
        traceId: traceIdToHex(link.traceId),
        spanId: spanIdToHex(link.spanId),
        attributes: attributesToJson(link.attributes),
      })),
      source: 'xray',
    });
    const back = spanToSegmentDocument(view(root, 'cruddur-backend'), {
      segment: true,
      xrayTraceId: TRACE,
    });
    const { subsegments: _, ...expected } = segment;
    expect(back).toEqual({ ...expected, end_time: 1_478_293_361.449 });
    const sqlBack = spanToSegmentDocument(view(sql, 'cruddur-backend'), {
      segment: false,
      xrayTraceId: TRACE,
    });
    const { subsegments: __, ...sqlExpected } = segment.subsegments[0]!;
    expect(sqlBack).toEqual(sqlExpected);
  });
});

describe('parseXrayDocument', () => {
  it.each([
    ['not JSON', '{', /not JSON/],
    ['a bad trace id', JSON.stringify({ ...segment, trace_id: '1-xyz' }), /trace_id/],
    [
      'an independent subsegment without parent',
      JSON.stringify({ ...segment, type: 'subsegment', parent_id: undefined }),
      /parent_id/,
    ],
    [
      'no end_time and not in progress',
      JSON.stringify({ ...segment, end_time: undefined }),
      /end_time/,
    ],
    [
      'an object annotation',
      JSON.stringify({ ...segment, annotations: { a: { b: 1 } } }),
      /annotations/,
    ],
    ['a zero span id', JSON.stringify({ ...segment, id: '0000000000000000' }), /zero/],
    ['more than 64 kB', JSON.stringify({ ...segment, pad: 'x'.repeat(64_000) }), /exceeds/],
  ])('refuses %s', (_, text, reason) => {
    const parsed = parseXrayDocument(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});
