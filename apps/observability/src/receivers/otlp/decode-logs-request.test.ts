import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../model/log-record.js';
import { decodeLogsRequestJson } from './decode-logs-request-json.js';
import { decodeLogsRequestProto } from './decode-logs-request-proto.js';
import { MAX_STRING_VALUE_LENGTH } from './otlp-limits.js';
import {
  decodeLogs,
  ENCODINGS,
  logJson,
  logsRequestJson,
  SPAN_ID,
  TRACE_ID,
} from './otlp-requests.testing.js';
import {
  logsAsJson,
  logsAsProtobuf,
  makeSdkLogRecords,
  makeSdkSpans,
  RESOURCE_ATTRIBUTES,
  SCOPE,
} from './sdk-payloads.testing.js';

const logsOf = (result: { groups: { logs: readonly LogRecord[] }[] }) =>
  result.groups.flatMap((g) => g.logs);

describe('decoding log requests made by the OpenTelemetry SDK', () => {
  const spans = makeSdkSpans();
  const sdk = makeSdkLogRecords(spans);

  it.each([
    ['protobuf', () => decodeLogsRequestProto(logsAsProtobuf(sdk))],
    ['json', () => decodeLogsRequestJson(logsAsJson(sdk))],
  ])('maps every %s log record field into the model', (_, decode) => {
    const result = decode();
    expect(result).toMatchObject({ rejected: 0, warnings: [] });
    const origin = result.groups[0]!.origin;
    expect(origin.resource.get('service.name')).toBe(RESOURCE_ATTRIBUTES['service.name']);
    expect(origin.scope.name).toBe(SCOPE.name);
    expect(origin.schemaUrl).toBe(SCOPE.schemaUrl);
    const [error, event] = logsOf(result);
    const context = spans[0]!.spanContext();
    expect(error).toEqual({
      timeUnixNano: 1_700_000_000_250_000_000n,
      observedTimeUnixNano: 1_700_000_000_260_000_000n,
      severityNumber: 17,
      severityText: 'ERROR',
      body: 'query failed',
      attributes: new Map<string, unknown>([
        ['user.id', 7n],
        ['user.handle', 'andrewbrown'],
        ['ratio', 1.5],
        ['ok', true],
      ]),
      droppedAttributesCount: 0,
      flags: context.traceFlags,
      traceId: BigInt(`0x${context.traceId}`),
      spanId: BigInt(`0x${context.spanId}`),
      eventName: '',
    });
    expect(event).toMatchObject({
      eventName: 'browser.page_view',
      body: new Map<string, unknown>([
        ['page', '/home'],
        ['visits', 3n],
        ['nested', new Map<string, unknown>([['deep', [1n, 'two', true]]])],
      ]),
      traceId: null,
      spanId: null,
    });
  });

  it('yields the same model from protobuf and from JSON', () => {
    expect(decodeLogsRequestJson(logsAsJson(sdk))).toEqual(
      decodeLogsRequestProto(logsAsProtobuf(sdk)),
    );
  });
});

describe.each(ENCODINGS)('per-record validation (%s)', (encoding) => {
  const decode = (records: object[]) => decodeLogs(encoding, logsRequestJson(records));

  it('uses the observed time when the record has no time of its own', () => {
    const [record] = logsOf(decode([logJson({ timeUnixNano: '0' })]));
    expect(record!.timeUnixNano).toBe(1_544_712_660_400_000_000n);
    expect(record!.observedTimeUnixNano).toBe(1_544_712_660_400_000_000n);
  });

  it('accepts records without trace context and with a full one', () => {
    const records = logsOf(decode([logJson(), logJson({ traceId: TRACE_ID, spanId: SPAN_ID })]));
    expect(records.map((r) => [r.traceId, r.spanId])).toEqual([
      [null, null],
      [BigInt(`0x${TRACE_ID}`), BigInt(`0x${SPAN_ID}`)],
    ]);
  });

  it.each([
    ['a short trace id', { traceId: 'abcd' }, 'trace_id must be empty or 16 bytes'],
    ['a short span id', { spanId: 'abcd' }, 'span_id must be empty or 8 bytes'],
  ])('rejects a record with %s and keeps the others', (_, overrides, reason) => {
    const result = decode([logJson(), logJson(overrides)]);
    expect(result.rejected).toBe(1);
    expect(logsOf(result)).toHaveLength(1);
    expect(result.warnings[0]).toMatch(
      new RegExp(
        `^1 log record rejected: ${reason}.*resource_logs\\[0\\]\\.scope_logs\\[0\\]\\.log_records\\[1\\]`,
      ),
    );
  });

  it('stores a severity number outside 0..24 as unspecified, with a warning', () => {
    const result = decode([logJson({ severityNumber: 99 })]);
    expect(logsOf(result)[0]!.severityNumber).toBe(0);
    expect(result.warnings[0]).toContain('severity numbers outside 0..24');
  });

  it('keeps bodies of every AnyValue kind and truncates long strings in them', () => {
    const bodies = [
      { boolValue: true },
      { arrayValue: { values: [{ doubleValue: 0.5 }] } },
      {},
      { stringValue: 'x'.repeat(70_000) },
    ];
    const result = decode(bodies.map((body) => logJson({ body })));
    expect(logsOf(result).map((r) => r.body)).toEqual([
      true,
      [0.5],
      null,
      'x'.repeat(MAX_STRING_VALUE_LENGTH),
    ]);
    expect(result.warnings).toHaveLength(1);
  });
});

describe('OTLP/JSON log specifics', () => {
  it('accepts severity names and snake_case keys', () => {
    const body = {
      resource_logs: [
        {
          scope_logs: [
            {
              log_records: [
                {
                  severity_number: 'SEVERITY_NUMBER_WARN2',
                  event_name: 'e',
                  observed_time_unix_nano: 3,
                },
              ],
            },
          ],
        },
      ],
    };
    const [record] = logsOf(decodeLogsRequestJson(JSON.stringify(body)));
    expect(record).toMatchObject({ severityNumber: 14, eventName: 'e', timeUnixNano: 3n });
  });
});
