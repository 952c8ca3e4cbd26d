import protobuf from 'protobufjs';
import { decodeLogsRequestJson } from './decode-logs-request-json.js';
import { decodeLogsRequestProto } from './decode-logs-request-proto.js';
import { decodeTraceRequestJson } from './decode-trace-request-json.js';
import { decodeTraceRequestProto } from './decode-trace-request-proto.js';
import type { LogsDecodeResult, TraceDecodeResult } from './otlp-decode-result.js';
import { jsonToProtobuf } from './otlp-protobufjs.testing.js';

/** Small builders of OTLP/JSON-shaped requests, decodable in either encoding. */
export type Encoding = 'protobuf' | 'json';
export const ENCODINGS: readonly Encoding[] = ['protobuf', 'json'];

export const TRACE_ID = '5b8efff798038103d269b633813fc60c';
export const SPAN_ID = 'eee19b7ec3c1b174';
export const PARENT_ID = 'eee19b7ec3c1b173';

export function spanJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    traceId: TRACE_ID,
    spanId: SPAN_ID,
    name: 'GET /',
    kind: 2,
    startTimeUnixNano: '1544712660000000000',
    endTimeUnixNano: '1544712661000000000',
    ...overrides,
  };
}

export function traceRequestJson(spans: object[], resourceAttributes: object[] = []): object {
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'svc' } },
            ...resourceAttributes,
          ],
        },
        scopeSpans: [{ scope: { name: 'lib', version: '1.0.0' }, spans }],
      },
    ],
  };
}

export function logJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    timeUnixNano: '1544712660300000000',
    observedTimeUnixNano: '1544712660400000000',
    severityNumber: 10,
    severityText: 'Information',
    body: { stringValue: 'hello' },
    ...overrides,
  };
}

export function logsRequestJson(logRecords: object[]): object {
  return {
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
        scopeLogs: [{ scope: { name: 'lib' }, logRecords }],
      },
    ],
  };
}

export function decodeTraces(encoding: Encoding, request: object): TraceDecodeResult {
  return encoding === 'protobuf'
    ? decodeTraceRequestProto(jsonToProtobuf('traces', request))
    : decodeTraceRequestJson(JSON.stringify(request));
}

export function decodeLogs(encoding: Encoding, request: object): LogsDecodeResult {
  return encoding === 'protobuf'
    ? decodeLogsRequestProto(jsonToProtobuf('logs', request))
    : decodeLogsRequestJson(JSON.stringify(request));
}

/** An attribute value nested `depth` levels deep (1 = a plain string attribute value). */
export function nestedArray(depth: number): object {
  let value: object = { stringValue: 'leaf' };
  for (let level = 1; level < depth; level++) value = { arrayValue: { values: [value] } };
  return value;
}

export function nestedKvlist(depth: number): object {
  let value: object = { intValue: '1' };
  for (let level = 1; level < depth; level++) {
    value = { kvlistValue: { values: [{ key: `k${level}`, value }] } };
  }
  return value;
}

const len = (field: number, bytes: Uint8Array) =>
  protobuf.Writer.create()
    .uint32((field << 3) | 2)
    .bytes(bytes)
    .finish();

/**
 * A protobuf AnyValue nested `depth` levels deep, written by hand: protobufjs itself refuses
 * to encode messages nested this deeply.
 */
export function nestedAnyValueBytes(depth: number, kind: 'array' | 'kvlist'): Uint8Array {
  let value = len(1, Buffer.from('leaf'));
  for (let level = 1; level < depth; level++) {
    value =
      kind === 'array'
        ? len(5, len(1, value))
        : len(6, len(1, new Uint8Array([...len(1, Buffer.from('k')), ...len(2, value)])));
  }
  return value;
}

/** A one-span protobuf trace request whose span has one attribute `deep` = `value`. */
export function protoTraceRequestWithAttribute(value: Uint8Array): Uint8Array {
  const kv = new Uint8Array([...len(1, Buffer.from('deep')), ...len(2, value)]);
  const span = new Uint8Array([
    ...len(1, Buffer.from(TRACE_ID, 'hex')),
    ...len(2, Buffer.from(SPAN_ID, 'hex')),
    ...len(9, kv),
  ]);
  return len(1, len(2, len(2, span)));
}
