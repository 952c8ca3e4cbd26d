import type { ColumnCatalog } from '../../store/column-catalog.js';
import { assignOrigin } from '../../store/group-origin.js';
import { RowBlock } from '../../store/row-block.js';
import { TRACE_NAMES } from './decode-context.js';
import { decodeExportRequestProto } from './proto-export-request.js';
import { RESOURCE_SPANS, SCOPE_SPANS, TRACE_REQUEST } from './proto-fields.js';
import { KeyMemory, SpanRowReader } from './span-row-reader.js';

/** An OTLP protobuf trace request read straight into rows of the `spans` table. */
export interface TraceRowsResult {
  readonly block: RowBlock;
  readonly rejected: number;
  readonly warnings: string[];
  /** Spans that were not plain and took the general reader (see `SpanRowReader`). */
  readonly generalSpans: number;
}

const KEYS = new KeyMemory();
const BYTES_PER_SPAN_GUESS = 256;

/**
 * Decodes a binary `ExportTraceServiceRequest` into a block of rows (an empty one, often reused), with the same validation,
 * limits and warnings as `decodeTraceRequestProto` (invalid spans are rejected one by one; a
 * malformed body throws `OtlpDecodeError`) and the same rows `EventRows` would make of it.
 */
export function decodeTraceRowsProto(
  body: Uint8Array,
  catalog: ColumnCatalog,
  // Sized for spans of a few hundred bytes; the strings copied are at most the body.
  block = new RowBlock(Math.ceil(body.length / BYTES_PER_SPAN_GUESS), body.length),
): TraceRowsResult {
  const reader = new SpanRowReader(block, catalog, KEYS);
  const { rejected, warnings } = decodeExportRequestProto(body, {
    names: TRACE_NAMES,
    request: TRACE_REQUEST,
    resourceLevel: RESOURCE_SPANS,
    scopeLevel: SCOPE_SPANS,
    readItem: (r, end, ctx) => reader.read(r, end, ctx),
    makeGroup: (origin, rows: number[]) =>
      assignOrigin(block, catalog, origin, rows[0]!, rows[rows.length - 1]! + 1),
  });
  return { block, rejected, warnings, generalSpans: reader.generalSpans };
}
