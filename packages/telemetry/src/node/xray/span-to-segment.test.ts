import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { wildcardPattern } from './segment-name.js';
import { remoteParent, spanRecorder } from './span-builders.testing.js';
import { MAX_STACK_FRAMES } from './span-cause.js';
import { type SegmentMapping, spanToSegment } from './span-to-segment.js';
import {
  xrayIndependentSubsegmentSchema,
  xraySegmentSchema,
} from './xray-segment-document-schema.testing.js';

const mapping: SegmentMapping = {
  annotationKeys: new Set(['app.user_handle']),
  dynamicNaming: undefined,
};

const serverAttributes = {
  'http.request.method': 'GET',
  'url.scheme': 'http',
  'url.path': '/api/activities/@worf',
  'url.query': 'page=2',
  'server.address': '127.0.0.1',
  'server.port': 4567,
  'network.peer.address': '127.0.0.1',
  'client.address': '127.0.0.1',
  'user_agent.original': 'curl/8.5.0',
  'http.route': '/api/activities/@:handle',
  'http.response.status_code': 200,
  'app.user_handle': 'worf',
};

describe('spanToSegment: server spans become segments', () => {
  const { makeSpan } = spanRecorder();
  const span = makeSpan('GET /api/activities/@:handle', {
    kind: SpanKind.SERVER,
    attributes: serverAttributes,
    parent: remoteParent(),
  });
  const segment = spanToSegment(span, mapping);

  it('is a valid X-Ray segment named by the service, with the ids of the span', () => {
    expect(xraySegmentSchema.parse(segment)).toBeTruthy();
    expect(segment).toMatchObject({
      name: 'cruddur-backend',
      id: span.spanContext().spanId,
      trace_id: '1-5759e988-bd862e3fe1be46a994272793',
      parent_id: '53995c3f42cd8ad8',
    });
    expect(segment.type).toBeUndefined();
  });

  it('keeps start and end as epoch seconds', () => {
    const [s, ns] = span.startTime;
    expect(segment.start_time).toBeCloseTo(s + ns / 1e9, 6);
    expect(segment.end_time).toBeGreaterThanOrEqual(segment.start_time);
    expect(Math.abs(segment.start_time - Date.now() / 1000)).toBeLessThan(60);
  });

  it('fills http.request from the stable HTTP attributes and http.response from the status', () => {
    expect(segment.http).toEqual({
      request: {
        method: 'GET',
        url: 'http://127.0.0.1:4567/api/activities/@worf?page=2',
        user_agent: 'curl/8.5.0',
        client_ip: '127.0.0.1',
      },
      response: { status: 200 },
    });
    expect(segment.error).toBeUndefined();
    expect(segment.fault).toBeUndefined();
  });

  it('indexes app.user_handle as an annotation with an X-Ray key, not as metadata', () => {
    expect(segment.annotations).toEqual({ app_user_handle: 'worf' });
    expect(segment.metadata?.default?.['app.user_handle']).toBeUndefined();
  });

  it('keeps the other attributes and the resource as metadata, without repeating http', () => {
    const metadata = segment.metadata?.default ?? {};
    expect(metadata['http.route']).toBe('/api/activities/@:handle');
    expect(metadata['otel.resource.service.name']).toBe('cruddur-backend');
    expect(metadata['http.request.method']).toBeUndefined();
    expect(segment.service).toEqual({ version: '1.2.3' });
    expect(segment.aws).toEqual({
      xray: { sdk: 'opentelemetry for nodejs', sdk_version: '2.12.0' },
    });
  });

  it('marks a client IP that came from a forwarding header', () => {
    const forwarded = spanToSegment(
      makeSpan('GET /', {
        kind: SpanKind.SERVER,
        attributes: { ...serverAttributes, 'client.address': '203.0.113.9' },
      }),
      mapping,
    );
    expect(forwarded.http?.request).toMatchObject({
      client_ip: '203.0.113.9',
      x_forwarded_for: true,
    });
  });

  it('names the segment by the request host when it matches AWS_XRAY_URL (dynamic naming)', () => {
    const host = '4567-cruddur-abc123.ws-eu1.gitpod.io';
    const dynamic = { ...mapping, dynamicNaming: wildcardPattern('*4567-*.gitpod.io*') };
    const matching = makeSpan('GET /', {
      kind: SpanKind.SERVER,
      attributes: { ...serverAttributes, 'server.address': host, 'server.port': undefined },
    });
    expect(spanToSegment(matching, dynamic).name).toBe(host);
    expect(spanToSegment(span, dynamic).name).toBe('cruddur-backend');
  });

  it('makes a segment of a root span that is not a server span', () => {
    const job = spanToSegment(makeSpan('expire-cruds'), mapping);
    expect(xraySegmentSchema.parse(job)).toBeTruthy();
    expect(job).toMatchObject({ name: 'cruddur-backend' });
    expect(job.parent_id).toBeUndefined();
  });
});

describe('spanToSegment: child spans become independent subsegments', () => {
  const { makeSpan, openSpan } = spanRecorder();
  const server = openSpan('GET /api/activities/@:handle');

  it('a service span: type, trace_id and parent_id, named by the span', () => {
    const child = makeSpan('user-activities', { parent: server, attributes: { 'app.now': 'x' } });
    const doc = spanToSegment(child, mapping);
    expect(xrayIndependentSubsegmentSchema.parse(doc)).toBeTruthy();
    expect(doc).toMatchObject({
      name: 'user-activities',
      type: 'subsegment',
      parent_id: server.spanContext().spanId,
      trace_id: `1-${server.spanContext().traceId.slice(0, 8)}-${server.spanContext().traceId.slice(8)}`,
      metadata: { default: { 'app.now': 'x' } },
    });
    expect(doc.namespace).toBeUndefined();
    // The resource belongs to the segment only.
    expect(doc.metadata?.default?.['otel.resource.service.name']).toBeUndefined();
  });

  it('the seeds mock-data subsegment: aws.xray.metadata.default gives metadata now and results-size', () => {
    const now = '2026-11-21T07:00:00.000Z';
    const data = makeSpan('user-activities-data', {
      parent: server,
      attributes: {
        'app.now': now,
        'app.results_size': 3,
        'aws.xray.metadata.default': JSON.stringify({ now, 'results-size': 3 }),
      },
    });
    const doc = spanToSegment(data, mapping);
    expect(doc.metadata?.default).toMatchObject({ now, 'results-size': 3 });
    expect(doc.metadata?.default?.['aws.xray.metadata.default']).toBeUndefined();
  });

  it('other aws.xray.metadata.<ns> attributes become their own namespace; bad JSON stays an attribute', () => {
    const doc = spanToSegment(
      makeSpan('x', {
        parent: server,
        attributes: {
          'aws.xray.metadata.debug': '{"rows":[1,2]}',
          'aws.xray.metadata.broken': '{nope',
        },
      }),
      mapping,
    );
    expect(doc.metadata?.debug).toEqual({ rows: [1, 2] });
    expect(doc.metadata?.default?.['aws.xray.metadata.broken']).toBe('{nope');
  });

  it('an outgoing HTTP call: namespace remote, named by the host, with the full URL', () => {
    const call = makeSpan('GET', {
      kind: SpanKind.CLIENT,
      parent: server,
      attributes: {
        'http.request.method': 'GET',
        'url.full': 'https://api.example.com/v1/things?id=2',
        'server.address': 'api.example.com',
        'server.port': 443,
        'http.response.status_code': 200,
      },
    });
    const doc = spanToSegment(call, mapping);
    expect(xrayIndependentSubsegmentSchema.parse(doc)).toBeTruthy();
    expect(doc).toMatchObject({
      name: 'api.example.com',
      namespace: 'remote',
      http: {
        request: { method: 'GET', url: 'https://api.example.com/v1/things?id=2' },
        response: { status: 200 },
      },
    });
    expect(doc.http?.request?.client_ip).toBeUndefined();
  });

  it('a database call: namespace remote, sql with the sanitized query, named database@host', () => {
    const query = makeSpan('pg.query:SELECT cruddur', {
      kind: SpanKind.CLIENT,
      parent: server,
      attributes: {
        'db.system': 'postgresql',
        'db.system.name': 'postgresql',
        'db.namespace': 'cruddur',
        'db.operation.name': 'SELECT',
        'db.query.text': 'SELECT * FROM users WHERE handle = $1',
        'db.user': 'postgres',
        'server.address': 'db.internal',
        'server.port': 5432,
      },
    });
    const doc = spanToSegment(query, mapping);
    expect(xrayIndependentSubsegmentSchema.parse(doc)).toBeTruthy();
    expect(doc).toMatchObject({
      name: 'cruddur@db.internal',
      namespace: 'remote',
      sql: {
        url: 'pg.query:SELECT cruddur',
        connection_string: 'db.internal:5432/cruddur',
        database_type: 'postgresql',
        user: 'postgres',
        sanitized_query: 'SELECT * FROM users WHERE handle = $1',
      },
    });
    expect(doc.metadata?.default?.['db.query.text']).toBeUndefined();
    expect(doc.metadata?.default?.['db.operation.name']).toBe('SELECT');
  });

  it('an embedded database without a server: connection string on localhost', () => {
    const doc = spanToSegment(
      makeSpan('pg.query:SELECT cruddur', {
        kind: SpanKind.CLIENT,
        parent: server,
        attributes: { 'db.system.name': 'postgresql', 'db.namespace': 'cruddur' },
      }),
      mapping,
    );
    expect(doc.sql).toMatchObject({
      connection_string: 'localhost/cruddur',
      database_type: 'postgresql',
    });
    expect(doc.name).toBe('cruddur');
  });

  it('no sql object for databases X-Ray does not describe as SQL', () => {
    const doc = spanToSegment(
      makeSpan('GET', {
        kind: SpanKind.CLIENT,
        parent: server,
        attributes: { 'db.system': 'redis' },
      }),
      mapping,
    );
    expect(doc.sql).toBeUndefined();
  });
});

describe('spanToSegment: error, throttle, fault and cause', () => {
  const { makeSpan } = spanRecorder();
  const withStatus = (status: number) =>
    spanToSegment(
      makeSpan('GET /', {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': 'GET', 'http.response.status_code': status },
      }),
      mapping,
    );

  it('4xx is an error, 429 also a throttle, 5xx a fault', () => {
    expect(withStatus(404)).toMatchObject({ error: true });
    expect(withStatus(404).fault).toBeUndefined();
    expect(withStatus(429)).toMatchObject({ error: true, throttle: true });
    expect(withStatus(503)).toMatchObject({ fault: true });
    expect(withStatus(503).error).toBeUndefined();
  });

  it('an ERROR status without an HTTP status is a fault whose cause is the status message', () => {
    const doc = spanToSegment(
      makeSpan('user-activities', {
        edit: (span) => span.setStatus({ code: SpanStatusCode.ERROR, message: 'no user @nobody' }),
      }),
      mapping,
    );
    expect(xraySegmentSchema.parse(doc)).toBeTruthy();
    expect(doc.fault).toBe(true);
    expect(doc.cause?.exceptions).toEqual([
      { id: expect.stringMatching(/^[0-9a-f]{16}$/), message: 'no user @nobody' },
    ]);
  });

  it('recorded exceptions become cause.exceptions with type, message and the parsed stack', () => {
    const error = new TypeError('boom');
    const doc = spanToSegment(
      makeSpan('create-activity', {
        edit: (span) => {
          span.recordException(error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
        },
      }),
      mapping,
    );
    expect(xraySegmentSchema.parse(doc)).toBeTruthy();
    const [exception] = doc.cause?.exceptions ?? [];
    expect(exception).toMatchObject({ type: 'TypeError', message: 'boom' });
    expect(exception?.stack?.[0]?.path).toMatch(/span-to-segment\.test\.ts$/);
    expect(exception?.stack?.[0]?.line).toBeGreaterThan(0);
  });

  it('a failed outgoing call marks its exception remote', () => {
    const doc = spanToSegment(
      makeSpan('GET', {
        kind: SpanKind.CLIENT,
        parent: remoteParent(),
        attributes: { 'http.request.method': 'GET', 'http.response.status_code': 502 },
        edit: (span) => span.recordException(new Error('bad gateway')),
      }),
      mapping,
    );
    expect(doc.fault).toBe(true);
    expect(doc.cause?.exceptions[0]).toMatchObject({ message: 'bad gateway', remote: true });
  });

  it('keeps at most 50 stack frames and counts the rest as truncated', () => {
    const frames = Array.from({ length: 120 }, (_, i) => `    at f${i} (/app/x.js:${i + 1}:1)`);
    const doc = spanToSegment(
      makeSpan('deep', {
        edit: (span) =>
          span.recordException({
            name: 'RangeError',
            message: 'deep',
            stack: ['RangeError: deep', ...frames].join('\n'),
          }),
      }),
      mapping,
    );
    const [exception] = doc.cause?.exceptions ?? [];
    expect(exception?.stack).toHaveLength(MAX_STACK_FRAMES);
    expect(exception?.truncated).toBe(120 - MAX_STACK_FRAMES);
    expect(exception?.stack?.[0]).toEqual({ label: 'f0', path: '/app/x.js', line: 1 });
  });
});

describe('spanToSegment: annotations follow X-Ray key and type rules', () => {
  const { makeSpan } = spanRecorder();
  const withKeys = (keys: string[]): SegmentMapping => ({
    ...mapping,
    annotationKeys: new Set(keys),
  });

  it('indexes the configured keys with scalar values; arrays stay metadata', () => {
    const doc = spanToSegment(
      makeSpan('x', {
        attributes: {
          'app.user_handle': 'worf',
          'app.result_length': 3,
          'app.cached': false,
          'app.error_codes': ['message_blank'],
          'app.other': 'not indexed',
        },
      }),
      withKeys(['app.user_handle', 'app.result_length', 'app.cached', 'app.error_codes']),
    );
    expect(xraySegmentSchema.parse(doc)).toBeTruthy();
    expect(doc.annotations).toEqual({
      app_user_handle: 'worf',
      app_result_length: 3,
      app_cached: false,
    });
    expect(doc.metadata?.default).toMatchObject({
      'app.error_codes': ['message_blank'],
      'app.other': 'not indexed',
    });
  });

  it('also indexes the keys a span names in aws.xray.annotations', () => {
    const doc = spanToSegment(
      makeSpan('x', {
        parent: remoteParent(),
        attributes: { 'order-id': 'A-1', 'aws.xray.annotations': ['order-id'] },
      }),
      mapping,
    );
    expect(doc.annotations).toEqual({ order_id: 'A-1' });
    expect(doc.metadata).toBeUndefined();
  });

  it('indexes at most 50 annotations; the rest stay metadata', () => {
    const attributes = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, i]));
    const doc = spanToSegment(
      makeSpan('x', { parent: remoteParent(), attributes }),
      withKeys(Object.keys(attributes)),
    );
    expect(Object.keys(doc.annotations ?? {})).toHaveLength(50);
    expect(Object.keys(doc.metadata?.default ?? {})).toHaveLength(10);
  });
});

describe('spanToSegment: names and links', () => {
  const { makeSpan } = spanRecorder();

  it('removes characters X-Ray does not allow in names and caps them at 200', () => {
    const doc = spanToSegment(
      makeSpan(`select "x" <${'y'.repeat(300)}>`, {
        parent: remoteParent(),
        kind: SpanKind.INTERNAL,
      }),
      mapping,
    );
    expect(doc.name.startsWith('select x y')).toBe(true);
    expect(doc.name.length).toBeLessThanOrEqual(200);
    expect(xrayIndependentSubsegmentSchema.parse(doc)).toBeTruthy();
  });

  it('turns span links into X-Ray links', () => {
    const linked = remoteParent('6a1b2c3d4e5f60718293a4b5c6d7e8f9');
    const { makeSpan: make } = spanRecorder();
    const span = make('consume', {
      edit: (s) => s.addLink({ context: linked, attributes: { reason: 'batch' } }),
    });
    expect(spanToSegment(span, mapping).links).toEqual([
      {
        trace_id: '1-6a1b2c3d-4e5f60718293a4b5c6d7e8f9',
        id: linked.spanId,
        attributes: { reason: 'batch' },
      },
    ]);
    expect(makeSpan).toBeDefined();
  });
});
