import { describe, expect, it } from 'vitest';
import type { Span } from '../../model/span.js';
import { decodeTraceRequestProto } from './decode-trace-request-proto.js';
import { MAX_ATTRIBUTES_PER_ITEM, MAX_STRING_VALUE_LENGTH } from './otlp-limits.js';
import {
  decodeTraces,
  ENCODINGS,
  nestedAnyValueBytes,
  nestedArray,
  nestedKvlist,
  protoTraceRequestWithAttribute,
  spanJson,
  traceRequestJson,
} from './otlp-requests.testing.js';

const spansOf = (result: { groups: { spans: readonly Span[] }[] }) =>
  result.groups.flatMap((g) => g.spans);

describe.each(ENCODINGS)('AnyValues and attribute limits (%s)', (encoding) => {
  const decode = (spans: object[], resourceAttributes?: object[]) =>
    decodeTraces(encoding, traceRequestJson(spans, resourceAttributes));

  it('keeps AnyValues of every kind, nested arrays and kvlists included', () => {
    const attributes = [
      { key: 's', value: { stringValue: 'x' } },
      { key: 'b', value: { boolValue: true } },
      { key: 'i', value: { intValue: '-9223372036854775808' } },
      { key: 'd', value: { doubleValue: 1.5 } },
      { key: 'y', value: { bytesValue: Buffer.from([1, 2, 255]).toString('base64') } },
      { key: 'e', value: {} },
      { key: 'n' },
      {
        key: 'a',
        value: {
          arrayValue: {
            values: [{ intValue: '1' }, { arrayValue: { values: [{ stringValue: 'in' }] } }],
          },
        },
      },
      {
        key: 'k',
        value: {
          kvlistValue: {
            values: [
              { key: 'x', value: { doubleValue: 2 } },
              { key: 'x', value: { boolValue: false } },
            ],
          },
        },
      },
    ];
    const span = spansOf(decode([spanJson({ attributes })]))[0]!;
    expect([...span.attributes]).toEqual([
      ['s', 'x'],
      ['b', true],
      ['i', -(2n ** 63n)],
      ['d', 1.5],
      ['y', new Uint8Array([1, 2, 255])],
      ['e', null],
      ['n', null],
      ['a', [1n, ['in']]],
      ['k', new Map([['x', false]])],
    ]);
  });

  it('accepts AnyValues nested 32 levels deep and refuses the whole request at 33', () => {
    for (const kind of ['array', 'kvlist'] as const) {
      const request = (depth: number) =>
        encoding === 'protobuf'
          ? () =>
              decodeTraceRequestProto(
                protoTraceRequestWithAttribute(nestedAnyValueBytes(depth, kind)),
              )
          : () => {
              const value = kind === 'array' ? nestedArray(depth) : nestedKvlist(depth);
              return decode([spanJson({ attributes: [{ key: 'deep', value }] })]);
            };
      expect(spansOf(request(32)())).toHaveLength(1);
      expect(request(33)).toThrow(/nested deeper than 32 levels/);
    }
  });

  it(`keeps ${MAX_ATTRIBUTES_PER_ITEM} of 10,000 attributes and counts the rest as dropped`, () => {
    const attributes = Array.from({ length: 10_000 }, (_, i) => ({
      key: `k${i}`,
      value: { intValue: String(i) },
    }));
    const result = decode([spanJson({ attributes, droppedAttributesCount: 5 })], attributes);
    const span = spansOf(result)[0]!;
    expect(span.attributes.size).toBe(MAX_ATTRIBUTES_PER_ITEM);
    expect(span.attributes.get('k1999')).toBe(1999n);
    expect(span.droppedAttributesCount).toBe(5 + 10_000 - MAX_ATTRIBUTES_PER_ITEM);
    expect(result.groups[0]!.origin.resource.size).toBe(MAX_ATTRIBUTES_PER_ITEM);
    expect(result.rejected).toBe(0);
    expect(result.warnings.join('\n')).toContain(
      `attributes beyond ${MAX_ATTRIBUTES_PER_ITEM} per item dropped`,
    );
  });

  it(`truncates a 1 MB string attribute to ${MAX_STRING_VALUE_LENGTH} characters`, () => {
    const huge = 'ü'.repeat(1_000_000);
    const result = decode([
      spanJson({
        attributes: [{ key: 'big', value: { arrayValue: { values: [{ stringValue: huge }] } } }],
      }),
    ]);
    const value = spansOf(result)[0]!.attributes.get('big') as string[];
    expect(value[0]).toBe('ü'.repeat(MAX_STRING_VALUE_LENGTH));
    expect(result.warnings[0]).toContain(
      `string values truncated to ${MAX_STRING_VALUE_LENGTH} characters`,
    );
  });

  it('never splits a surrogate pair when truncating', () => {
    const text = `${'a'.repeat(MAX_STRING_VALUE_LENGTH - 1)}🐢🐢`;
    const value = spansOf(
      decode([spanJson({ attributes: [{ key: 't', value: { stringValue: text } }] })]),
    )[0]!.attributes.get('t') as string;
    expect(value).toBe('a'.repeat(MAX_STRING_VALUE_LENGTH - 1));
  });
});
