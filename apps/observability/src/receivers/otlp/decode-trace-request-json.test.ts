import { describe, expect, it } from 'vitest';
import { decodeTraceRequestJson } from './decode-trace-request-json.js';
import { OtlpDecodeError } from './otlp-decode-error.js';
import { SPAN_ID, spanJson, TRACE_ID, traceRequestJson } from './otlp-requests.testing.js';

const decodeSpans = (spans: object[]) =>
  decodeTraceRequestJson(JSON.stringify(traceRequestJson(spans)));
const onlySpan = (overrides: Record<string, unknown>) =>
  decodeSpans([spanJson(overrides)]).groups[0]!.spans[0]!;
const attribute = (value: object) =>
  onlySpan({ attributes: [{ key: 'a', value }] }).attributes.get('a');

describe('OTLP/JSON trace specifics', () => {
  it('accepts snake_case keys as well as lowerCamelCase, camelCase winning when both appear', () => {
    const body = {
      resource_spans: [
        {
          scope_spans: [
            {
              schema_url: 'https://schema',
              spans: [
                {
                  trace_id: TRACE_ID,
                  span_id: SPAN_ID,
                  name: 'snake',
                  start_time_unix_nano: '5',
                  end_time_unix_nano: '6',
                  dropped_attributes_count: 1,
                  droppedAttributesCount: 2,
                  attributes: [{ key: 'k', value: { int_value: '7' } }],
                },
              ],
            },
          ],
        },
      ],
    };
    const result = decodeTraceRequestJson(JSON.stringify(body));
    const span = result.groups[0]!.spans[0]!;
    expect(result.groups[0]!.origin.schemaUrl).toBe('https://schema');
    expect([
      span.name,
      span.startTimeUnixNano,
      span.endTimeUnixNano,
      span.droppedAttributesCount,
    ]).toEqual(['snake', 5n, 6n, 2]);
    expect(span.attributes.get('k')).toBe(7n);
  });

  it('reads ids as case-insensitive hex', () => {
    const span = onlySpan({ traceId: TRACE_ID.toUpperCase(), spanId: SPAN_ID.toUpperCase() });
    expect(span.traceId).toBe(BigInt(`0x${TRACE_ID}`));
    expect(span.spanId).toBe(BigInt(`0x${SPAN_ID}`));
  });

  it('also reads ids written as base64 by generic proto3 JSON encoders', () => {
    const span = onlySpan({
      traceId: Buffer.from(TRACE_ID, 'hex').toString('base64'),
      spanId: Buffer.from(SPAN_ID, 'hex').toString('base64'),
    });
    expect(span.traceId).toBe(BigInt(`0x${TRACE_ID}`));
  });

  it('rejects a span whose id is not hex', () => {
    const result = decodeSpans([spanJson({ traceId: 'z'.repeat(32) })]);
    expect(result.rejected).toBe(1);
  });

  it('accepts enum names leniently and numbers normatively', () => {
    const span = onlySpan({
      kind: 'SPAN_KIND_CONSUMER',
      status: { code: 'STATUS_CODE_ERROR', message: 'x' },
    });
    expect(span.kind).toBe('consumer');
    expect(span.status.code).toBe('error');
    expect(onlySpan({ kind: 'span_kind_server' }).kind).toBe('server');
    expect(decodeSpans([spanJson({ kind: 'SPAN_KIND_NONSENSE' })]).rejected).toBe(1);
  });

  it('reads int64 from decimal strings and JSON numbers, timestamps included', () => {
    expect(attribute({ intValue: '9223372036854775807' })).toBe(2n ** 63n - 1n);
    expect(attribute({ intValue: 42 })).toBe(42n);
    expect(onlySpan({ startTimeUnixNano: 1_544_712_660_000_000_000 }).startTimeUnixNano).toBe(
      1_544_712_660_000_000_000n,
    );
  });

  it('keeps a double-typed whole number a double, not an int', () => {
    expect(attribute({ doubleValue: 2 })).toBe(2);
    expect(typeof attribute({ doubleValue: 2 })).toBe('number');
  });

  it('reads the proto3 spellings of NaN and the infinities', () => {
    expect(attribute({ doubleValue: 'NaN' })).toBeNaN();
    expect(attribute({ doubleValue: 'Infinity' })).toBe(Number.POSITIVE_INFINITY);
    expect(attribute({ doubleValue: '-Infinity' })).toBe(Number.NEGATIVE_INFINITY);
    expect(attribute({ doubleValue: '1.25' })).toBe(1.25);
  });

  it('reads bytes values as base64', () => {
    expect(attribute({ bytesValue: 'AAEC/w==' })).toEqual(new Uint8Array([0, 1, 2, 255]));
  });

  it('treats null fields as not set', () => {
    const span = onlySpan({ parentSpanId: null, traceState: null, events: null, status: null });
    expect([span.parentSpanId, span.traceState, span.events, span.status.code]).toEqual([
      null,
      '',
      [],
      'unset',
    ]);
  });

  it.each([
    ['an int64 overflow', { intValue: '9223372036854775808' }, /intValue must be an int64/],
    ['a fractional int', { intValue: 1.5 }, /intValue must be an int64/],
    ['a word as a double', { doubleValue: 'lots' }, /doubleValue must be a double/],
    ['bad base64', { bytesValue: '***' }, /bytesValue must be base64/],
    ['a number as a string value', { stringValue: 5 }, /stringValue must be a string/],
    ['an array where an AnyValue belongs', [1], /expected an AnyValue object/],
  ])('refuses the whole request for %s', (_, value, message) => {
    expect(() => attribute(value)).toThrow(OtlpDecodeError);
    expect(() => attribute(value)).toThrow(message);
  });

  it('names where the schema mismatch is', () => {
    expect(() => decodeSpans([spanJson(), spanJson({ name: 42 })])).toThrow(
      /^resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[1\]\.name: /,
    );
    expect(() => decodeSpans([spanJson({ droppedAttributesCount: -1 })])).toThrow(
      /droppedAttributesCount/,
    );
  });

  it.each([
    ['past uint64', '18446744073709551616'],
    ['past int64 (the year 2262), which the store cannot hold', '9300000000000000000'],
    ['negative', '-1'],
    ['a JSON number past uint64', 1e30],
  ])('rejects a span whose timestamp is %s, keeping the rest', (_, time) => {
    const result = decodeSpans([spanJson({ startTimeUnixNano: time }), spanJson()]);
    expect(result.rejected).toBe(1);
    expect(result.groups[0]!.spans).toHaveLength(1);
    expect(result.warnings[0]).toContain('timestamps must be nanoseconds before the year 2262');
  });

  it('rejects a span whose event time is past uint64', () => {
    const result = decodeSpans([
      spanJson({ events: [{ name: 'e', timeUnixNano: '99999999999999999999' }] }),
    ]);
    expect(result.rejected).toBe(1);
  });

  it('refuses a JSON number too large to be finite', () => {
    expect(() =>
      decodeTraceRequestJson(
        JSON.stringify(traceRequestJson([spanJson()])).replace('"1544712660000000000"', '1e400'),
      ),
    ).toThrow(OtlpDecodeError);
  });
});
