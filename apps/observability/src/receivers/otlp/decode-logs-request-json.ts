import type { Attributes } from '../../model/attributes.js';
import type { LogRecord } from '../../model/log-record.js';
import type { LogGroup } from '../../model/telemetry-batch.js';
import { type DecodeContext, LOGS_NAMES } from './decode-context.js';
import { attributesFromJson, limitStrings } from './json-any-value.js';
import { decodeExportRequestJson, type JsonRequestShape } from './json-export-request.js';
import { idFromJson } from './json-ids.js';
import {
  type OtlpExportLogsRequest,
  type OtlpJsonLogRecord,
  otlpExportLogsRequestSchema,
} from './json-logs-schema.js';
import { finishLogRecord } from './log-record-fields.js';
import type { LogsDecodeResult } from './otlp-decode-result.js';

const LOGS_JSON_SHAPE: JsonRequestShape<
  OtlpExportLogsRequest,
  OtlpJsonLogRecord,
  LogRecord,
  LogGroup
> = {
  names: LOGS_NAMES,
  schema: otlpExportLogsRequestSchema,
  resources: (request) =>
    (request.resourceLogs ?? []).map((level) => ({
      resource: level.resource,
      schemaUrl: level.schemaUrl,
      scopes: (level.scopeLogs ?? []).map((scope) => ({
        scope: scope.scope,
        schemaUrl: scope.schemaUrl,
        items: scope.logRecords ?? [],
      })),
    })),
  mapItem: logRecordFromJson,
  makeGroup: (origin, logs) => ({ origin, logs }),
};

/**
 * Decodes an OTLP/JSON `ExportLogsServiceRequest` (`application/json`). Invalid records are
 * rejected one by one; a body that does not parse or match the schema throws `OtlpDecodeError`.
 */
export function decodeLogsRequestJson(body: Uint8Array | string): LogsDecodeResult {
  return decodeExportRequestJson(body, LOGS_JSON_SHAPE);
}

function logRecordFromJson(raw: OtlpJsonLogRecord, ctx: DecodeContext): LogRecord | undefined {
  const attributes: Attributes = new Map();
  const overLimit = attributesFromJson(raw.attributes, ctx, attributes);
  return finishLogRecord(ctx, {
    time: raw.timeUnixNano ?? 0n,
    observedTime: raw.observedTimeUnixNano ?? 0n,
    severityNumber: raw.severityNumber ?? 0,
    severityText: raw.severityText ?? '',
    body: limitStrings(raw.body ?? null, ctx),
    attributes,
    droppedAttributesCount: (raw.droppedAttributesCount ?? 0) + overLimit,
    overLimit,
    flags: raw.flags ?? 0,
    traceId: idFromJson(raw.traceId, 16),
    spanId: idFromJson(raw.spanId, 8),
    eventName: raw.eventName ?? '',
  });
}
