import { describe, expect, it } from 'vitest';
import { ColumnCatalog } from '../../store/column-catalog.js';
import { EventRows } from '../../store/event-rows.js';
import { RowBlock } from '../../store/row-block.js';
import { rowsOf } from '../../store/row-block.testing.js';
import { decodeTraceRequestProto } from './decode-trace-request-proto.js';
import { decodeTraceRowsProto } from './decode-trace-rows-proto.js';
import { OtlpDecodeError } from './otlp-decode-error.js';
import { jsonToProtobuf } from './otlp-protobufjs.testing.js';
import { SPAN_ID, spanJson, TRACE_ID, traceRequestJson } from './otlp-requests.testing.js';
import { tracesAsProtobuf } from './sdk-payloads.testing.js';

/** What the general path makes of a body: decode to objects, then rows through `EventRows`. */
function generalRows(body: Uint8Array) {
  const result = decodeTraceRequestProto(body);
  const rows = new EventRows(new ColumnCatalog()).add({
    source: 'otlp',
    spanGroups: result.groups,
    logGroups: [],
  });
  return { rows: rowsOf(rows.block), rejected: result.rejected, warnings: result.warnings };
}

function fastRows(body: Uint8Array, block = new RowBlock()) {
  const result = decodeTraceRowsProto(body, new ColumnCatalog(), block);
  return { rows: rowsOf(result.block), rejected: result.rejected, warnings: result.warnings };
}

const proto = (spans: object[], resourceAttributes: object[] = []) =>
  jsonToProtobuf('traces', traceRequestJson(spans, resourceAttributes));
const attr = (key: string, value: object) => ({ key, value });
const str = (stringValue: string) => ({ stringValue });

// Hand-written wire bytes, for what protobufjs will not produce (bad UTF-8, unknown fields).
function varint(value: number): number[] {
  const out: number[] = [];
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  out.push(value);
  return out;
}
const field = (n: number, bytes: ArrayLike<number>) => [
  ...varint((n << 3) | 2),
  ...varint(bytes.length),
  ...Array.from(bytes),
];
const utf8 = (text: string) => [...Buffer.from(text)];
function rawRequest(spanFields: number[][], resourceFirst = true): Uint8Array {
  const span = spanFields.flat();
  const resource = field(
    1,
    field(1, [...field(1, utf8('service.name')), ...field(2, field(1, utf8('raw')))]),
  );
  const scope = field(2, field(2, span));
  return Uint8Array.from(
    field(1, resourceFirst ? [...resource, ...scope] : [...scope, ...resource]),
  );
}
const ids = [field(1, Buffer.from(TRACE_ID, 'hex')), field(2, Buffer.from(SPAN_ID, 'hex'))];

describe('decodeTraceRowsProto stores exactly the rows of the general path', () => {
  const cases: [string, Uint8Array][] = [
    ['spans from the OpenTelemetry SDK (events, links, every attribute kind)', tracesAsProtobuf()],
    [
      'plain spans with every scalar kind, unicode, flags, status and trace state',
      proto([
        spanJson({
          attributes: [
            attr('http.route', str('/api/activities/@:handle')),
            attr('short', str('GET')),
            attr('empty', str('')),
            attr('unicode', str('région ✓ 𝄞')),
            attr('count', { intValue: '-42' }),
            attr('huge', { intValue: '9223372036854775807' }),
            attr('ratio', { doubleValue: 0.25 }),
            attr('flag', { boolValue: true }),
          ],
          flags: 769,
          traceState: 'vendor=1',
          status: { code: 2, message: 'boom' },
          droppedAttributesCount: 3,
        }),
        spanJson({ spanId: 'eee19b7ec3c1b175', parentSpanId: SPAN_ID, name: 'child', kind: 3 }),
        spanJson({
          spanId: 'eee19b7ec3c1b176',
          parentSpanId: '0000000000000000',
          status: { message: 'note' },
        }),
      ]),
    ],
    [
      'invalid spans (rejected) beside valid ones',
      proto([
        spanJson({ traceId: '00000000000000000000000000000000' }),
        spanJson({ spanId: '0000000000000000' }),
        spanJson({ spanId: 'eee19b7ec3c1b177', kind: 9 }),
        spanJson({ spanId: 'eee19b7ec3c1b178', endTimeUnixNano: '18446744073709551615' }),
        spanJson({ spanId: 'eee19b7ec3c1b179', status: { code: 7 } }),
        spanJson({ spanId: 'eee19b7ec3c1b17a', endTimeUnixNano: '1' }),
      ]),
    ],
    [
      'a key repeated within a span, with another type and with no value',
      proto([
        spanJson({ attributes: [attr('k', str('first')), attr('k', { intValue: '7' })] }),
        spanJson({ spanId: 'eee19b7ec3c1b17b', attributes: [attr('k', str('x')), attr('k', {})] }),
      ]),
    ],
    [
      'structured attribute values and keys that are not ASCII',
      proto([
        spanJson({
          attributes: [
            attr('list', { arrayValue: { values: [str('a'), { intValue: '1' }] } }),
            attr('map', { kvlistValue: { values: [attr('inner', str('v'))] } }),
            attr('clé', str('valeur')),
          ],
        }),
      ]),
    ],
    [
      'more attributes than the limit and a string past the length limit',
      proto([
        spanJson({
          attributes: [
            ...Array.from({ length: 2_001 }, (_, i) => attr(`a${i}`, { intValue: String(i) })),
          ],
        }),
        spanJson({
          spanId: 'eee19b7ec3c1b17c',
          attributes: [attr('long', str('é'.repeat(70_000)))],
        }),
      ]),
    ],
    [
      'invalid UTF-8 in a name and a value, and an unknown field',
      rawRequest([
        ...ids,
        field(5, [0x61, 0xff, 0x62]),
        [...varint((99 << 3) | 0), 5],
        field(9, [...field(1, utf8('bad')), ...field(2, field(1, [0xc3, 0x28]))]),
      ]),
    ],
    ['a resource written after its spans', rawRequest([...ids, field(5, utf8('late'))], false)],
  ];

  for (const [name, body] of cases) {
    it(name, () => {
      expect(fastRows(body)).toEqual(generalRows(body));
    });
  }

  it('reads plain spans itself and hands only the others to the general reader', () => {
    expect(decodeTraceRowsProto(cases[1]![1], new ColumnCatalog()).generalSpans).toBe(0);
    const sdk = decodeTraceRowsProto(cases[0]![1], new ColumnCatalog());
    expect(sdk.generalSpans).toBeGreaterThan(0);
    expect(sdk.generalSpans).toBeLessThan(sdk.block.rowCount);
  });

  it('reads into a reused block as into a new one', () => {
    const block = new RowBlock();
    fastRows(cases[1]![1], block);
    block.reset();
    expect(fastRows(cases[0]![1], block)).toEqual(generalRows(cases[0]![1]));
  });

  it('throws the general path’s error for a malformed body', () => {
    const body = rawRequest([...ids, [0x2a, 0x05, 0x61]]);
    expect(() => decodeTraceRequestProto(body)).toThrow(OtlpDecodeError);
    const error = (() => {
      try {
        decodeTraceRowsProto(body, new ColumnCatalog());
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(OtlpDecodeError);
    expect(error?.message).toBe(
      (() => {
        try {
          decodeTraceRequestProto(body);
        } catch (caught) {
          return (caught as Error).message;
        }
      })(),
    );
  });
});
