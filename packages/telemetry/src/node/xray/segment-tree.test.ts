import { SpanKind } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { groupByLocalTrace, nestSubsegments } from './segment-tree.js';
import { remoteParent, spanRecorder } from './span-builders.testing.js';
import { type SegmentMapping, spanToSegment } from './span-to-segment.js';
import { xraySegmentSchema } from './xray-segment-document-schema.testing.js';

const mapping: SegmentMapping = { annotationKeys: new Set(), dynamicNaming: undefined };

describe('groupByLocalTrace', () => {
  it('puts a segment span and everything below it in the batch into one local trace', () => {
    const { makeSpan } = spanRecorder();
    const root = makeSpan('GET /', { kind: SpanKind.SERVER, parent: remoteParent() });
    const child = makeSpan('service', { parent: root.spanContext() });
    const grandchild = makeSpan('query', { kind: SpanKind.CLIENT, parent: child.spanContext() });
    const { traces, alone } = groupByLocalTrace([grandchild, child, root]);
    expect(traces).toEqual([[root, grandchild, child]]);
    expect(alone).toEqual([]);
  });

  it('leaves alone the spans whose segment is not in the batch', () => {
    const { makeSpan, openSpan } = spanRecorder();
    const earlier = openSpan('GET /slow');
    const child = makeSpan('service', { parent: earlier });
    const otherRoot = makeSpan('GET /fast', { kind: SpanKind.SERVER });
    const { traces, alone } = groupByLocalTrace([child, otherRoot]);
    expect(traces).toEqual([[otherRoot]]);
    expect(alone).toEqual([child]);
  });

  it('treats a span without a parent as a segment, like the mapping does', () => {
    const { makeSpan } = spanRecorder();
    const job = makeSpan('nightly-job');
    const step = makeSpan('step', { parent: job.spanContext() });
    expect(groupByLocalTrace([step, job]).traces).toEqual([[job, step]]);
  });
});

describe('nestSubsegments', () => {
  it('nests recursively and drops type, trace_id and parent_id from nested documents', () => {
    const { makeSpan } = spanRecorder();
    const root = makeSpan('GET /', { kind: SpanKind.SERVER, parent: remoteParent() });
    const child = makeSpan('service', { parent: root.spanContext() });
    const grandchild = makeSpan('pg.query:SELECT postgres', {
      kind: SpanKind.CLIENT,
      attributes: { 'db.system': 'postgresql', 'db.namespace': 'postgres' },
      parent: child.spanContext(),
    });
    const [segment, childDoc, grandchildDoc] = [root, child, grandchild].map((span) =>
      spanToSegment(span, mapping),
    );
    const before = JSON.stringify([childDoc, grandchildDoc]);
    const { document, unplaced } = nestSubsegments(segment!, [grandchildDoc!, childDoc!]);

    expect(unplaced).toEqual([]);
    expect(xraySegmentSchema.parse(document)).toBeTruthy();
    const nestedChild = document.subsegments?.[0];
    expect(nestedChild).toMatchObject({ id: childDoc!.id, name: 'service' });
    expect(nestedChild?.subsegments?.[0]).toMatchObject({
      id: grandchildDoc!.id,
      namespace: 'remote',
      sql: { database_type: 'postgresql' },
    });
    for (const nested of [nestedChild, nestedChild?.subsegments?.[0]]) {
      expect(nested).not.toHaveProperty('type');
      expect(nested).not.toHaveProperty('trace_id');
      expect(nested).not.toHaveProperty('parent_id');
    }
    // The inputs can still be sent on their own.
    expect(JSON.stringify([childDoc, grandchildDoc])).toBe(before);
  });

  it('returns the subsegments whose parent is not in the tree, unchanged', () => {
    const { makeSpan, openSpan } = spanRecorder();
    const root = makeSpan('GET /', { kind: SpanKind.SERVER, parent: remoteParent() });
    // Its parent never reached the mapping (still open, or it failed to map).
    const orphan = makeSpan('query', { kind: SpanKind.CLIENT, parent: openSpan('lost') });
    const [segment, orphanDoc] = [root, orphan].map((span) => spanToSegment(span, mapping));
    const { document, unplaced } = nestSubsegments(segment!, [orphanDoc!]);
    expect(document.subsegments).toBeUndefined();
    expect(unplaced).toEqual([orphanDoc]);
    expect(unplaced[0]).toMatchObject({ type: 'subsegment', parent_id: orphanDoc!.parent_id });
  });
});
