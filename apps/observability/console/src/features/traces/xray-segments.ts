import { z } from 'zod';

/** The parts of an X-Ray segment document the console draws; the rest is shown as JSON. */
const subsegmentSchema: z.ZodType<XraySubsegment> = z.lazy(() =>
  z
    .object({
      id: z.string(),
      name: z.string(),
      start_time: z.number(),
      end_time: z.number().optional(),
      namespace: z.string().optional(),
      error: z.boolean().optional(),
      fault: z.boolean().optional(),
      throttle: z.boolean().optional(),
      subsegments: z.array(subsegmentSchema).optional(),
    })
    .loose(),
);

export interface XraySubsegment {
  id: string;
  name: string;
  start_time: number;
  end_time?: number | undefined;
  namespace?: string | undefined;
  error?: boolean | undefined;
  fault?: boolean | undefined;
  throttle?: boolean | undefined;
  subsegments?: XraySubsegment[] | undefined;
  [key: string]: unknown;
}

export const batchGetTracesSchema = z.object({
  Traces: z
    .array(
      z.object({
        Id: z.string().optional(),
        Duration: z.number().optional(),
        Segments: z
          .array(z.object({ Id: z.string().optional(), Document: z.string() }))
          .default([]),
      }),
    )
    .default([]),
  UnprocessedTraceIds: z.array(z.string()).optional(),
});

/** X-Ray's trace id for a 128-bit OTel id: `1-` + 8 hex digits of epoch seconds + `-` + 24. */
export function toXrayTraceId(hex: string): string {
  return `1-${hex.slice(0, 8)}-${hex.slice(8)}`;
}

export interface XrayRow {
  readonly doc: XraySubsegment;
  readonly depth: number;
  readonly isSegment: boolean;
  readonly parentId: string | undefined;
}

/**
 * Segments (one per service hop) and their nested subsegments as rows: a segment goes under
 * the subsegment whose id is its `parent_id`, as X-Ray's console nests them.
 */
export function xrayRows(documents: readonly string[]): XrayRow[] {
  const segments = documents.flatMap((text) => {
    try {
      const parsed = subsegmentSchema.safeParse(JSON.parse(text));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return [];
    }
  });
  const byParent = new Map<string | undefined, XraySubsegment[]>();
  const ids = new Set<string>();
  const collect = (doc: XraySubsegment) => {
    ids.add(doc.id);
    for (const sub of doc.subsegments ?? []) collect(sub);
  };
  for (const s of segments) collect(s);
  for (const s of segments) {
    const parent =
      typeof s.parent_id === 'string' && ids.has(s.parent_id) ? s.parent_id : undefined;
    byParent.set(parent, [...(byParent.get(parent) ?? []), s]);
  }
  const rows: XrayRow[] = [];
  const visit = (doc: XraySubsegment, depth: number, isSegment: boolean, parentId?: string) => {
    rows.push({ doc, depth, isSegment, parentId });
    const children = [
      ...(doc.subsegments ?? []).map((d) => ({ d, seg: false })),
      ...(byParent.get(doc.id) ?? []).map((d) => ({ d, seg: true })),
    ].sort((a, b) => a.d.start_time - b.d.start_time);
    for (const { d, seg } of children) visit(d, depth + 1, seg, doc.id);
  };
  for (const root of (byParent.get(undefined) ?? []).sort((a, b) => a.start_time - b.start_time)) {
    visit(root, 0, true);
  }
  return rows;
}
