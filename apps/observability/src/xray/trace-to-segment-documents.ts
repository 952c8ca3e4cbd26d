import type { SpanView } from '../contract/trace-view.js';
import { type SegmentDocument, spanToSegmentDocument } from './span-to-segment-document.js';

/**
 * A trace as BatchGetTraces answers it: one document per segment, its subsegments nested. A span
 * starts a segment when it is a server span, has no parent in the trace, or belongs to another
 * service than its parent; every other span nests under its parent's document.
 */
export function traceToSegmentDocuments(
  xrayTraceId: string,
  spans: readonly SpanView[],
): SegmentDocument[] {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const documents = new Map<string, SegmentDocument>();
  const isSegment = (span: SpanView): boolean => {
    const parent = span.parentSpanId === null ? undefined : byId.get(span.parentSpanId);
    return parent === undefined || span.kind === 'server' || parent.service !== span.service;
  };
  for (const span of spans) {
    documents.set(
      span.spanId,
      spanToSegmentDocument(span, { segment: isSegment(span), xrayTraceId }),
    );
  }
  const segments: SegmentDocument[] = [];
  // Spans arrive parent first from the reader; children are appended in start order.
  for (const span of spans) {
    const document = documents.get(span.spanId)!;
    if (isSegment(span)) {
      segments.push(document);
      continue;
    }
    const parent = documents.get(span.parentSpanId!)!;
    const children = (parent.subsegments as SegmentDocument[] | undefined) ?? [];
    children.push(document);
    parent.subsegments = children;
  }
  return segments;
}
