/** Where one span's re-stampable fields sit inside an encoded ExportTraceServiceRequest. */
export interface SpanOffsets {
  readonly traceId: number;
  readonly spanId: number;
  /** -1 for a root span (empty parent_span_id). */
  readonly parentSpanId: number;
  readonly start: number;
  readonly end: number;
}

// Field numbers from opentelemetry/proto/trace/v1/trace.proto and the collector service proto.
const REQUEST_RESOURCE_SPANS = 1;
const RESOURCE_SPANS_SCOPE_SPANS = 2;
const SCOPE_SPANS_SPANS = 2;
const SPAN_TRACE_ID = 1;
const SPAN_SPAN_ID = 2;
const SPAN_PARENT_SPAN_ID = 4;
const SPAN_START = 7;
const SPAN_END = 8;

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;
const WIRE_FIXED32 = 5;

/** Finds the id and time fields of every span of a request (a minimal protobuf walk). */
export function spanOffsets(body: Uint8Array): SpanOffsets[] {
  const out: SpanOffsets[] = [];
  forEachField(body, 0, body.length, (field, wire, start, end) => {
    if (field !== REQUEST_RESOURCE_SPANS || wire !== WIRE_LEN) return;
    forEachField(body, start, end, (f2, w2, s2, e2) => {
      if (f2 !== RESOURCE_SPANS_SCOPE_SPANS || w2 !== WIRE_LEN) return;
      forEachField(body, s2, e2, (f3, w3, s3, e3) => {
        if (f3 === SCOPE_SPANS_SPANS && w3 === WIRE_LEN) out.push(spanFields(body, s3, e3));
      });
    });
  });
  return out;
}

function spanFields(body: Uint8Array, start: number, end: number): SpanOffsets {
  const found = { traceId: -1, spanId: -1, parentSpanId: -1, start: -1, end: -1 };
  forEachField(body, start, end, (field, wire, s, e) => {
    if (field === SPAN_TRACE_ID && wire === WIRE_LEN && e - s === 16) found.traceId = s;
    else if (field === SPAN_SPAN_ID && wire === WIRE_LEN && e - s === 8) found.spanId = s;
    else if (field === SPAN_PARENT_SPAN_ID && wire === WIRE_LEN && e - s === 8)
      found.parentSpanId = s;
    else if (field === SPAN_START && wire === WIRE_FIXED64) found.start = s;
    else if (field === SPAN_END && wire === WIRE_FIXED64) found.end = s;
  });
  if (found.traceId < 0 || found.spanId < 0 || found.start < 0 || found.end < 0) {
    throw new Error('a span without trace id, span id or times');
  }
  return found;
}

type FieldVisitor = (field: number, wire: number, start: number, end: number) => void;

function forEachField(body: Uint8Array, from: number, to: number, visit: FieldVisitor): void {
  let pos = from;
  const varint = (): number => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = body[pos++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  };
  while (pos < to) {
    const tag = varint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === WIRE_VARINT) {
      const start = pos;
      varint();
      visit(field, wire, start, pos);
    } else if (wire === WIRE_FIXED64) {
      visit(field, wire, pos, pos + 8);
      pos += 8;
    } else if (wire === WIRE_FIXED32) {
      visit(field, wire, pos, pos + 4);
      pos += 4;
    } else if (wire === WIRE_LEN) {
      const length = varint();
      visit(field, wire, pos, pos + length);
      pos += length;
    } else {
      throw new Error(`unexpected wire type ${wire}`);
    }
  }
}
