import { EXPORT_RESPONSE, PARTIAL_SUCCESS } from './proto-fields.js';
import { ProtoWriter } from './proto-writer.js';

export type OtlpSignal = 'traces' | 'logs';

/** What to tell the sender about an accepted request. */
export interface ExportOutcome {
  /** Items dropped by validation (`rejected_spans` / `rejected_log_records`). */
  readonly rejected: number | bigint;
  /** Empty when there is nothing to report; non-empty with 0 rejected is a warning. */
  readonly errorMessage: string;
}

const REJECTED_JSON_KEY: Readonly<Record<OtlpSignal, string>> = {
  traces: 'rejectedSpans',
  logs: 'rejectedLogRecords',
};

/** Whether `partial_success` must be set at all; unset means plain full success. */
function hasPartialSuccess(outcome: ExportOutcome): boolean {
  return BigInt(outcome.rejected) !== 0n || outcome.errorMessage !== '';
}

/**
 * Encodes `Export{Trace,Logs}ServiceResponse` as binary protobuf. Full success is the empty
 * message, i.e. zero bytes. Both signals number their partial-success fields alike, so one
 * encoder serves both; the signal parameter keeps call sites explicit.
 */
export function encodeExportResponseProto(_signal: OtlpSignal, outcome: ExportOutcome): Uint8Array {
  if (!hasPartialSuccess(outcome)) return new Uint8Array(0);
  const partial = new ProtoWriter();
  if (BigInt(outcome.rejected) !== 0n)
    partial.varint(fieldOf(PARTIAL_SUCCESS.tag.rejected), outcome.rejected);
  if (outcome.errorMessage !== '')
    partial.string(fieldOf(PARTIAL_SUCCESS.tag.error_message), outcome.errorMessage);
  return new ProtoWriter()
    .bytes(fieldOf(EXPORT_RESPONSE.tag.partial_success), partial.finish())
    .finish();
}

/**
 * Encodes the response as OTLP/JSON: `{}` on full success, else
 * `{"partialSuccess":{"rejectedSpans":"2","errorMessage":"…"}}` (int64 as a decimal string,
 * zero values omitted as proto3 JSON does).
 */
export function encodeExportResponseJson(signal: OtlpSignal, outcome: ExportOutcome): string {
  if (!hasPartialSuccess(outcome)) return '{}';
  const partial: Record<string, string> = {};
  const rejected = BigInt(outcome.rejected);
  if (rejected !== 0n) partial[REJECTED_JSON_KEY[signal]] = rejected.toString();
  if (outcome.errorMessage !== '') partial.errorMessage = outcome.errorMessage;
  return JSON.stringify({ partialSuccess: partial });
}

/** The outcome of a decode result: its rejections and warnings joined into one message. */
export function exportOutcomeOf(result: {
  readonly rejected: number;
  readonly warnings: readonly string[];
}): ExportOutcome {
  return { rejected: result.rejected, errorMessage: result.warnings.join('; ') };
}

function fieldOf(tag: number): number {
  return tag >>> 3;
}
