import type { LogRecord } from '../../model/log-record.js';
import type { LogGroup } from '../../model/telemetry-batch.js';
import { LOGS_NAMES } from './decode-context.js';
import type { LogsDecodeResult } from './otlp-decode-result.js';
import { decodeExportRequestProto, type ExportRequestShape } from './proto-export-request.js';
import { LOGS_REQUEST, RESOURCE_LOGS, SCOPE_LOGS } from './proto-fields.js';
import { readLogRecord } from './proto-log-record.js';

const LOGS_SHAPE: ExportRequestShape<LogRecord, LogGroup> = {
  names: LOGS_NAMES,
  request: LOGS_REQUEST,
  resourceLevel: RESOURCE_LOGS,
  scopeLevel: SCOPE_LOGS,
  readItem: readLogRecord,
  makeGroup: (origin, logs) => ({ origin, logs }),
};

/**
 * Decodes a binary `ExportLogsServiceRequest` (`application/x-protobuf`). Invalid records are
 * rejected one by one; a malformed body throws `OtlpDecodeError`.
 */
export function decodeLogsRequestProto(body: Uint8Array): LogsDecodeResult {
  return decodeExportRequestProto(body, LOGS_SHAPE);
}
