import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { isSegmentSpan } from './span-to-segment.js';
import type { XrayNestedSubsegment, XraySegmentDocument } from './xray-segment-document.js';

/**
 * Past this many subsegments a segment's children are sent on their own, as the X-Ray SDKs'
 * streaming threshold does: one huge tree would cost one huge document and one long encode.
 */
export const STREAMING_THRESHOLD = 100;

/** One batch's spans, arranged as they travel: whole local traces, and spans sent alone. */
export interface LocalTraces {
  /** Each entry: a segment span first, then the spans below it in this batch, in batch order. */
  traces: ReadableSpan[][];
  /** Spans whose segment is not in this batch (it ended earlier or will end later). */
  alone: ReadableSpan[];
}

/**
 * Groups a batch by local trace: every span whose chain of parents, inside the batch, reaches a
 * segment span (a SERVER or root span) joins that segment. A segment ends after its children,
 * so one request's spans are normally in the same batch; those cut off by a batch boundary go
 * alone, as independent subsegments, and are still found by their `parent_id`.
 *
 * @example
 * groupByLocalTrace([dbSpan, serviceSpan, serverSpan]);
 * // → { traces: [[serverSpan, dbSpan, serviceSpan]], alone: [] }
 */
export function groupByLocalTrace(spans: readonly ReadableSpan[]): LocalTraces {
  const byId = new Map<string, ReadableSpan>();
  for (const span of spans) byId.set(span.spanContext().spanId, span);
  // The segment each span belongs to (null: none in this batch), filled in as chains are walked.
  const segmentOf = new Map<ReadableSpan, ReadableSpan | null>();
  const resolve = (span: ReadableSpan): ReadableSpan | null => {
    const known = segmentOf.get(span);
    if (known !== undefined) return known;
    const chain: ReadableSpan[] = [];
    let current: ReadableSpan | undefined = span;
    let segment: ReadableSpan | null = null;
    while (current !== undefined) {
      if (isSegmentSpan(current)) {
        segment = current;
        break;
      }
      const cached = segmentOf.get(current);
      if (cached !== undefined) {
        segment = cached;
        break;
      }
      chain.push(current);
      // Ids are unique, so a chain cannot loop; the bound only guards against a broken SDK.
      if (chain.length > spans.length) break;
      const parentId: string | undefined = current.parentSpanContext?.spanId;
      current = parentId === undefined ? undefined : byId.get(parentId);
    }
    for (const link of chain) segmentOf.set(link, segment);
    return segment;
  };

  const traces = new Map<ReadableSpan, ReadableSpan[]>();
  for (const span of spans) if (isSegmentSpan(span)) traces.set(span, [span]);
  const alone: ReadableSpan[] = [];
  for (const span of spans) {
    if (isSegmentSpan(span)) continue;
    const segment = resolve(span);
    if (segment === null) alone.push(span);
    else traces.get(segment)?.push(span);
  }
  return { traces: [...traces.values()], alone };
}

/** A segment with its subsegments nested, and the subsegments that could not be placed in it. */
export interface NestedSegment {
  document: XraySegmentDocument;
  /** Independent subsegments whose parent is not in the tree (e.g. a span that failed to map). */
  unplaced: XraySegmentDocument[];
}

/**
 * Nests independent subsegment documents into their segment (`subsegments`, recursively by
 * `parent_id`), dropping what nesting makes implicit: `type`, `trace_id` and `parent_id`.
 * Neither input is changed, so the caller can still send them on their own.
 *
 * @example
 * nestSubsegments(segmentDoc, [serviceDoc, dbDoc]).document.subsegments?.[0]?.subsegments; // [dbDoc']
 */
export function nestSubsegments(
  segment: XraySegmentDocument,
  subsegments: readonly XraySegmentDocument[],
): NestedSegment {
  const children = new Map<string, XraySegmentDocument[]>();
  for (const doc of subsegments) {
    if (doc.parent_id === undefined) continue;
    const siblings = children.get(doc.parent_id);
    if (siblings === undefined) children.set(doc.parent_id, [doc]);
    else siblings.push(doc);
  }
  const placed = new Set<XraySegmentDocument>();
  const nestedBelow = (id: string): XrayNestedSubsegment[] | undefined =>
    children.get(id)?.map((doc) => {
      placed.add(doc);
      const { type: _type, trace_id: _traceId, parent_id: _parentId, ...own } = doc;
      const below = nestedBelow(doc.id);
      return below === undefined ? own : { ...own, subsegments: below };
    });
  const below = nestedBelow(segment.id);
  const document = below === undefined ? segment : { ...segment, subsegments: below };
  return { document, unplaced: subsegments.filter((doc) => !placed.has(doc)) };
}
