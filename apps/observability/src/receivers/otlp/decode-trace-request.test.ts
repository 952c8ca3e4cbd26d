import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../model/span.js';
import { decodeTraceRequestJson } from './decode-trace-request-json.js';
import { decodeTraceRequestProto } from './decode-trace-request-proto.js';
import { TraceRequestType } from './otlp-protobufjs.testing.js';
import {
  decodeTraces,
  ENCODINGS,
  PARENT_ID,
  SPAN_ID,
  spanJson,
  TRACE_ID,
  traceRequestJson,
} from './otlp-requests.testing.js';
import {
  LINKED_SPAN_ID,
  LINKED_TRACE_ID,
  makeSdkSpans,
  SCOPE,
  tracesAsJson,
  tracesAsProtobuf,
} from './sdk-payloads.testing.js';

const hrToNanos = ([s, ns]: [number, number]) => BigInt(s) * 1_000_000_000n + BigInt(ns);
const spansOf = (result: { groups: { spans: readonly Span[] }[] }) =>
  result.groups.flatMap((g) => g.spans);

function expectSdkSpans(decoded: Span[], sdk: ReadableSpan[]): void {
  expect(decoded).toHaveLength(sdk.length);
  const child = decoded.find((s) => s.name === 'SELECT crud')!;
  const parent = decoded.find((s) => s.name === 'GET /api/activities/home')!;
  const sdkChild = sdk.find((s) => s.name === 'SELECT crud')!;
  const sdkParent = sdk.find((s) => s.name === 'GET /api/activities/home')!;

  expect(parent.traceId).toBe(BigInt(`0x${sdkParent.spanContext().traceId}`));
  expect(parent.spanId).toBe(BigInt(`0x${sdkParent.spanContext().spanId}`));
  expect(parent.parentSpanId).toBeNull();
  expect(parent.kind).toBe('server');
  expect(parent.startTimeUnixNano).toBe(1_700_000_000_123_456_789n);
  expect(parent.endTimeUnixNano).toBe(1_700_000_001_000_000_000n);
  expect(parent.status).toEqual({ code: 'ok', message: '' });
  expect(parent.attributes).toEqual(
    new Map<string, unknown>([
      ['http.method', 'GET'],
      ['http.status_code', 200n],
    ]),
  );
  expect(parent.flags & 0xff).toBe(1);

  expect(child.traceId).toBe(parent.traceId);
  expect(child.parentSpanId).toBe(parent.spanId);
  expect(child.spanId).toBe(BigInt(`0x${sdkChild.spanContext().spanId}`));
  expect(child.kind).toBe('client');
  expect(child.startTimeUnixNano).toBe(hrToNanos(sdkChild.startTime));
  expect(child.endTimeUnixNano).toBe(hrToNanos(sdkChild.endTime));
  expect(child.status).toEqual({ code: 'error', message: 'query failed' });
  expect(child.attributes).toEqual(
    new Map<string, unknown>([
      ['db.system', 'postgresql'],
      ['db.rows', 42n],
      ['db.ratio', 0.5],
      ['db.cached', false],
      ['db.tags', ['a', 'b']],
      ['db.ports', [5432n, 5433n]],
    ]),
  );
  expect(child.events).toEqual([
    {
      timeUnixNano: 1_700_000_000_250_000_000n,
      name: 'exception',
      attributes: new Map([['exception.message', 'boom']]),
      droppedAttributesCount: 0,
    },
  ]);
  expect(child.links).toEqual([
    {
      traceId: BigInt(`0x${LINKED_TRACE_ID}`),
      spanId: BigInt(`0x${LINKED_SPAN_ID}`),
      traceState: '',
      attributes: new Map([['link.reason', 'retry']]),
      droppedAttributesCount: 0,
      flags: expect.any(Number),
    },
  ]);
  expect([child.droppedAttributesCount, child.droppedEventsCount, child.droppedLinksCount]).toEqual(
    [0, 0, 0],
  );
}

describe('decoding trace requests made by the OpenTelemetry SDK', () => {
  const sdk = makeSdkSpans();

  it.each([
    ['protobuf', () => decodeTraceRequestProto(tracesAsProtobuf(sdk))],
    ['json', () => decodeTraceRequestJson(tracesAsJson(sdk))],
  ])('maps every %s span field into the model', (_, decode) => {
    const result = decode();
    expect(result.rejected).toBe(0);
    expect(result.warnings).toEqual([]);
    expect(result.groups).toHaveLength(1);
    const origin = result.groups[0]!.origin;
    expect(origin.resource.get('service.name')).toBe('cruddur-backend');
    expect(origin.resource.get('host.cores')).toBe(8n);
    expect(origin.scope).toEqual({
      name: SCOPE.name,
      version: SCOPE.version,
      attributes: new Map(),
    });
    expect(origin.schemaUrl).toBe(SCOPE.schemaUrl);
    expectSdkSpans(spansOf(result), sdk);
  });

  it('yields the same model from protobuf and from JSON', () => {
    expect(decodeTraceRequestJson(tracesAsJson(sdk))).toEqual(
      decodeTraceRequestProto(tracesAsProtobuf(sdk)),
    );
  });

  it('agrees with a generic protobuf decoder on ids, times and attribute counts', () => {
    const bytes = tracesAsProtobuf(sdk);
    const generic = TraceRequestType.toObject(TraceRequestType.decode(bytes), {
      longs: String,
      bytes: String,
    }) as {
      resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[];
    };
    const expected = generic.resourceSpans[0]!.scopeSpans[0]!.spans.map((s) => ({
      traceId: BigInt(`0x${Buffer.from(s.traceId as string, 'base64').toString('hex')}`),
      name: s.name,
      start: BigInt(s.startTimeUnixNano as string),
      attributes: (s.attributes as unknown[]).length,
    }));
    const ours = spansOf(decodeTraceRequestProto(bytes)).map((s) => ({
      traceId: s.traceId,
      name: s.name,
      start: s.startTimeUnixNano,
      attributes: s.attributes.size,
    }));
    expect(ours).toEqual(expected);
  });
});

describe.each(ENCODINGS)('per-span validation (%s)', (encoding) => {
  const decode = (spans: object[], resourceAttributes?: object[]) =>
    decodeTraces(encoding, traceRequestJson(spans, resourceAttributes));

  it.each([
    ['a missing trace id', { traceId: undefined }, 'trace_id is missing'],
    ['a short trace id', { traceId: TRACE_ID.slice(2) }, 'trace_id must be 16 bytes'],
    ['an all-zero trace id', { traceId: '0'.repeat(32) }, 'trace_id is all zeros'],
    ['a missing span id', { spanId: undefined }, 'span_id is missing'],
    ['a long span id', { spanId: `${SPAN_ID}00` }, 'span_id must be 8 bytes'],
    ['an all-zero span id', { spanId: '0'.repeat(16) }, 'span_id is all zeros'],
    [
      'a 4-byte parent span id',
      { parentSpanId: 'aabbccdd' },
      'parent_span_id must be empty or 8 bytes',
    ],
    ['an out-of-range kind', { kind: 6 }, 'kind is out of range'],
    ['a negative kind', { kind: -1 }, 'kind is out of range'],
  ])('rejects a span with %s and keeps the others', (_, overrides, reason) => {
    const result = decode([
      spanJson({ name: 'good' }),
      spanJson(overrides),
      spanJson({ name: 'also good' }),
    ]);
    expect(result.rejected).toBe(1);
    expect(spansOf(result).map((s) => s.name)).toEqual(['good', 'also good']);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain(reason);
    expect(result.warnings[0]).toContain('resource_spans[0].scope_spans[0].spans[1]');
  });

  it('tallies many rejections of one kind into one short summary', () => {
    const result = decode(Array.from({ length: 500 }, () => spanJson({ traceId: '' })));
    expect(result.rejected).toBe(500);
    expect(result.groups).toEqual([]);
    expect(result.warnings).toEqual([
      '500 spans rejected: trace_id is missing (first at resource_spans[0].scope_spans[0].spans[0])',
    ]);
  });

  it('treats an empty or all-zero parent span id as a root span', () => {
    const spans = spansOf(
      decode([
        spanJson({ parentSpanId: '' }),
        spanJson({ parentSpanId: '0'.repeat(16) }),
        spanJson({ parentSpanId: PARENT_ID }),
      ]),
    );
    expect(spans.map((s) => s.parentSpanId)).toEqual([null, null, BigInt(`0x${PARENT_ID}`)]);
  });

  it('drops links with unusable ids, counts them, and keeps the span', () => {
    const links = [
      { traceId: TRACE_ID, spanId: PARENT_ID },
      { traceId: TRACE_ID, spanId: '' },
      { traceId: '00', spanId: PARENT_ID },
    ];
    const result = decode([spanJson({ links, droppedLinksCount: 1 })]);
    const span = spansOf(result)[0]!;
    expect(span.links).toHaveLength(1);
    expect(span.droppedLinksCount).toBe(3);
    expect(result.warnings[0]).toMatch(
      /^links with a missing, malformed or all-zero id dropped \(2×/,
    );
  });

  it('stores an unknown status code as unset, with a warning', () => {
    const result = decode([spanJson({ status: { code: 9, message: 'odd' } })]);
    expect(spansOf(result)[0]!.status).toEqual({ code: 'unset', message: 'odd' });
    expect(result.warnings[0]).toContain('unknown status codes stored as unset');
  });

  it('accepts an empty request and empty envelopes', () => {
    for (const request of [
      {},
      { resourceSpans: [] },
      { resourceSpans: [{}] },
      { resourceSpans: [{ scopeSpans: [{}] }] },
    ]) {
      expect(decodeTraces(encoding, request)).toEqual({ groups: [], rejected: 0, warnings: [] });
    }
  });

  it('uses the resource schema_url for scopes without their own', () => {
    const request = {
      resourceSpans: [
        {
          schemaUrl: 'r',
          scopeSpans: [{ spans: [spanJson()] }, { schemaUrl: 's', spans: [spanJson()] }],
        },
      ],
    };
    const result = decodeTraces(encoding, request);
    expect(result.groups.map((g) => g.origin.schemaUrl)).toEqual(['r', 's']);
    expect(result.groups[0]!.origin.scope).toEqual({
      name: '',
      version: '',
      attributes: new Map(),
    });
    expect(result.groups[0]!.origin.resource).toBe(result.groups[1]!.origin.resource);
  });

  it('keeps the largest timestamp the store holds (signed 64-bit) and rejects the next one', () => {
    const span = spansOf(decode([spanJson({ endTimeUnixNano: '9223372036854775807' })]))[0]!;
    expect(span.endTimeUnixNano).toBe(2n ** 63n - 1n);
    expect(decode([spanJson({ endTimeUnixNano: '9223372036854775808' })]).rejected).toBe(1);
  });
});
