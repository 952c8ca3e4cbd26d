import {
  JsonLogsSerializer,
  JsonTraceSerializer,
  ProtobufLogsSerializer,
  ProtobufTraceSerializer,
} from '@opentelemetry/otlp-transformer';
import { describe, expect, it } from 'vitest';
import {
  encodeExportResponseJson,
  encodeExportResponseProto,
  exportOutcomeOf,
} from './encode-export-response.js';
import { encodeRpcStatusJson, encodeRpcStatusProto, RPC_CODE } from './encode-rpc-status.js';
import { ExportResponseType, RpcStatusType } from './otlp-protobufjs.testing.js';

describe('export responses', () => {
  it('answers full success with zero protobuf bytes and {} in JSON', () => {
    const outcome = { rejected: 0, errorMessage: '' };
    expect(encodeExportResponseProto('traces', outcome)).toEqual(new Uint8Array(0));
    expect(encodeExportResponseJson('traces', outcome)).toBe('{}');
  });

  it('encodes partial success as the OpenTelemetry JS exporter reads it back (protobuf)', () => {
    const outcome = { rejected: 2, errorMessage: '2 spans rejected: trace_id is missing' };
    expect(
      ProtobufTraceSerializer.deserializeResponse(encodeExportResponseProto('traces', outcome)),
    ).toMatchObject({
      partialSuccess: { errorMessage: outcome.errorMessage },
    });
    const generic = ExportResponseType.toObject(
      ExportResponseType.decode(encodeExportResponseProto('logs', outcome)),
      { longs: String },
    );
    expect(generic).toEqual({
      partialSuccess: { rejected: '2', errorMessage: outcome.errorMessage },
    });
    expect(
      ProtobufLogsSerializer.deserializeResponse(encodeExportResponseProto('logs', outcome))
        .partialSuccess,
    ).toBeDefined();
  });

  it('encodes partial success in JSON with int64 as a decimal string and the signal’s counter name', () => {
    const outcome = { rejected: 2n, errorMessage: 'm' };
    expect(encodeExportResponseJson('traces', outcome)).toBe(
      '{"partialSuccess":{"rejectedSpans":"2","errorMessage":"m"}}',
    );
    expect(encodeExportResponseJson('logs', outcome)).toBe(
      '{"partialSuccess":{"rejectedLogRecords":"2","errorMessage":"m"}}',
    );
    const text = new TextEncoder().encode(encodeExportResponseJson('traces', outcome));
    expect(JsonTraceSerializer.deserializeResponse(text)).toEqual({
      partialSuccess: { rejectedSpans: '2', errorMessage: 'm' },
    });
    expect(JsonLogsSerializer.deserializeResponse(new TextEncoder().encode('{}'))).toEqual({});
  });

  it('allows warnings alone: nothing rejected, a message set', () => {
    const outcome = { rejected: 0, errorMessage: 'string values truncated' };
    expect(encodeExportResponseJson('traces', outcome)).toBe(
      '{"partialSuccess":{"errorMessage":"string values truncated"}}',
    );
    const generic = ExportResponseType.decode(
      encodeExportResponseProto('traces', outcome),
    ).toJSON();
    expect(generic).toEqual({ partialSuccess: { errorMessage: 'string values truncated' } });
  });

  it('builds the outcome from a decode result', () => {
    expect(exportOutcomeOf({ rejected: 3, warnings: ['a', 'b'] })).toEqual({
      rejected: 3,
      errorMessage: 'a; b',
    });
  });
});

describe('google.rpc.Status error bodies', () => {
  it('encodes code and message in protobuf and JSON', () => {
    const status = {
      code: RPC_CODE.invalidArgument,
      message: 'resource_spans[0]: truncated varint at byte 9 — ü',
    };
    expect(RpcStatusType.decode(encodeRpcStatusProto(status)).toJSON()).toEqual(status);
    expect(JSON.parse(encodeRpcStatusJson(status))).toEqual(status);
  });

  it('encodes a negative code as a 10-byte varint, like proto int32', () => {
    expect(RpcStatusType.decode(encodeRpcStatusProto({ code: -1, message: '' })).toJSON()).toEqual({
      code: -1,
    });
  });
});
