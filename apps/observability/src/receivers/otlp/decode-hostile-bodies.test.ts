import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decodeLogsRequestJson } from './decode-logs-request-json.js';
import { decodeLogsRequestProto } from './decode-logs-request-proto.js';
import { decodeTraceRequestJson } from './decode-trace-request-json.js';
import { decodeTraceRequestProto } from './decode-trace-request-proto.js';
import { OtlpDecodeError } from './otlp-decode-error.js';
import { jsonToProtobuf } from './otlp-protobufjs.testing.js';
import { logJson, logsRequestJson, spanJson, traceRequestJson } from './otlp-requests.testing.js';
import { logsAsProtobuf, tracesAsProtobuf } from './sdk-payloads.testing.js';

/** Calls `decode` and returns what it threw, failing the test on anything but OtlpDecodeError. */
function decodeOutcome(decode: () => unknown): 'ok' | 'malformed' {
  try {
    decode();
    return 'ok';
  } catch (error) {
    if (error instanceof OtlpDecodeError) return 'malformed';
    throw error;
  }
}

/** A tiny deterministic PRNG, so failures reproduce. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const DECODERS = [
  ['traces', decodeTraceRequestProto, tracesAsProtobuf()],
  ['logs', decodeLogsRequestProto, logsAsProtobuf()],
] as const;

describe.each(DECODERS)('hostile protobuf %s bodies', (_, decode, valid) => {
  it('throws only OtlpDecodeError (or decodes) when cut at every byte', () => {
    const outcomes = new Set<string>();
    for (let cut = 0; cut < valid.length; cut++)
      outcomes.add(decodeOutcome(() => decode(valid.subarray(0, cut))));
    expect(outcomes).toContain('malformed');
  });

  it('throws only OtlpDecodeError (or decodes) for 2,000 corrupted copies and random garbage', () => {
    const next = random(42);
    for (let round = 0; round < 2_000; round++) {
      const bytes = Uint8Array.from(valid);
      for (let flips = 1 + Math.floor(next() * 4); flips > 0; flips--) {
        bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      }
      decodeOutcome(() => decode(bytes));
      const garbage = Uint8Array.from({ length: Math.floor(next() * 64) }, () =>
        Math.floor(next() * 256),
      );
      decodeOutcome(() => decode(garbage));
    }
  });

  it('names where a known field arrived with the wrong wire type', () => {
    // resource_x[0] { scope_x[0] { items[0] { field 1 as varint } } }: every item's field 1 is a fixed64 or bytes.
    const item = protobuf.Writer.create()
      .uint32((1 << 3) | 0)
      .uint32(5)
      .finish();
    const scope = protobuf.Writer.create()
      .uint32((2 << 3) | 2)
      .bytes(item)
      .finish();
    const resource = protobuf.Writer.create()
      .uint32((2 << 3) | 2)
      .bytes(scope)
      .finish();
    const body = protobuf.Writer.create()
      .uint32((1 << 3) | 2)
      .bytes(resource)
      .finish();
    expect(() => decode(body)).toThrow(
      /\[0\]\.scope_(spans|logs)\[0\]\.(spans|log_records)\[0\]: (Span|LogRecord)\.(trace_id|time_unix_nano) has wire type 0/,
    );
  });

  it('skips unknown fields of every wire type at every level', () => {
    const unknown = protobuf.Writer.create()
      .uint32((900 << 3) | 0)
      .uint64('18446744073709551615')
      .uint32((901 << 3) | 1)
      .fixed64(1)
      .uint32((902 << 3) | 2)
      .string('future')
      .uint32((903 << 3) | 3)
      .uint32((1 << 3) | 0)
      .uint32(1)
      .uint32((903 << 3) | 4)
      .uint32((904 << 3) | 5)
      .fixed32(1)
      .finish();
    const withUnknown = new Uint8Array([...unknown, ...valid, ...unknown]);
    expect(decode(withUnknown)).toEqual(decode(valid));
  });

  it('refuses AnyValues nested 10,000 levels deep without overflowing the stack', () => {
    let value = protobuf.Writer.create()
      .uint32((1 << 3) | 2)
      .string('leaf')
      .finish();
    for (let level = 0; level < 10_000; level++) {
      const list = protobuf.Writer.create()
        .uint32((1 << 3) | 2)
        .bytes(value)
        .finish();
      value = protobuf.Writer.create()
        .uint32((5 << 3) | 2)
        .bytes(list)
        .finish();
    }
    const kv = protobuf.Writer.create()
      .uint32((1 << 3) | 2)
      .string('deep')
      .uint32((2 << 3) | 2)
      .bytes(value)
      .finish();
    const resource = protobuf.Writer.create()
      .uint32((1 << 3) | 2)
      .bytes(kv)
      .finish();
    const body = protobuf.Writer.create()
      .uint32((1 << 3) | 2)
      .bytes(
        protobuf.Writer.create()
          .uint32((1 << 3) | 2)
          .bytes(resource)
          .finish(),
      )
      .finish();
    expect(() => decode(body)).toThrow(
      /resource\.attributes\[0\]: AnyValue nested deeper than 32 levels/,
    );
  });

  it('decodes an empty body as an empty request', () => {
    expect(decode(new Uint8Array(0))).toEqual({ groups: [], rejected: 0, warnings: [] });
  });
});

describe.each([
  ['traces', decodeTraceRequestJson, decodeTraceRequestProto, traceRequestJson([spanJson()])],
  ['logs', decodeLogsRequestJson, decodeLogsRequestProto, logsRequestJson([logJson()])],
] as const)('hostile JSON %s bodies', (signal, decode, decodeProto, valid) => {
  const text = JSON.stringify(valid);

  it('throws only OtlpDecodeError (or decodes) when cut at every character', () => {
    for (let cut = 0; cut < text.length; cut++) decodeOutcome(() => decode(text.slice(0, cut)));
  });

  it.each([
    ['not JSON', '{"resourceSpans": [', /not valid JSON/],
    ['an array', '[]', /body: /],
    ['a string', '"x"', /body: /],
    ['null', 'null', /body: /],
  ])('refuses a body that is %s', (_, body, message) => {
    expect(() => decode(body)).toThrow(message);
  });

  it('refuses AnyValues nested 10,000 levels deep without overflowing the stack', () => {
    const deep = `${'{"arrayValue":{"values":['.repeat(10_000)}{"stringValue":"x"}${']}}'.repeat(10_000)}`;
    const body = text
      .replace('"hello"', '"hello"')
      .replace(
        /^\{"resource(Spans|Logs)":\[\{"resource":\{"attributes":\[/,
        (m) => `${m}{"key":"deep","value":${deep}},`,
      );
    expect(body.length).toBeGreaterThan(200_000);
    expect(() => decode(body)).toThrow(/AnyValue nested deeper than 32 levels/);
  });

  it('ignores unknown keys everywhere', () => {
    const withExtras = JSON.parse(text, (_, value) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? { ...value, futureField: { x: [1] } }
        : value,
    );
    expect(decode(JSON.stringify(withExtras))).toEqual(decode(text));
  });

  it('decodes an empty body and {} as an empty request', () => {
    expect(decode('')).toEqual({ groups: [], rejected: 0, warnings: [] });
    expect(decode('{}')).toEqual({ groups: [], rejected: 0, warnings: [] });
  });

  it('decodes to the same model as the protobuf encoding of the same request', () => {
    expect(decode(text)).toEqual(decodeProto(jsonToProtobuf(signal, valid)));
  });
});
