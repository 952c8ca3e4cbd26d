import type { Span } from '../../model/span.js';
import type { SpanGroup } from '../../model/telemetry-batch.js';
import { TRACE_NAMES } from './decode-context.js';
import type { TraceDecodeResult } from './otlp-decode-result.js';
import { decodeExportRequestProto, type ExportRequestShape } from './proto-export-request.js';
import { RESOURCE_SPANS, SCOPE_SPANS, TRACE_REQUEST } from './proto-fields.js';
import { readSpan } from './proto-span.js';

const TRACE_SHAPE: ExportRequestShape<Span, SpanGroup> = {
  names: TRACE_NAMES,
  request: TRACE_REQUEST,
  resourceLevel: RESOURCE_SPANS,
  scopeLevel: SCOPE_SPANS,
  readItem: readSpan,
  makeGroup: (origin, spans) => ({ origin, spans }),
};

/**
 * Decodes a binary `ExportTraceServiceRequest` (`application/x-protobuf`). Invalid spans are
 * rejected one by one; a malformed body throws `OtlpDecodeError`.
 */
export function decodeTraceRequestProto(body: Uint8Array): TraceDecodeResult {
  return decodeExportRequestProto(body, TRACE_SHAPE);
}
