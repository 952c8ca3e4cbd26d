import type { XrayDocumentJson } from './xray-segment-document-schema.testing.js';

/** One (sub)segment as it stands alone: nested ones get the trace and parent they imply. */
export type FlatDocument = Omit<XrayDocumentJson, 'subsegments'> & {
  trace_id: string;
  parent_id?: string;
  type?: 'subsegment';
  nested: boolean;
};

/**
 * Every (sub)segment in received documents, nested subsegments lifted out with the `trace_id` of
 * their document and the `parent_id` of the (sub)segment they sat in, as X-Ray reads them.
 */
export function flattenDocuments(documents: readonly XrayDocumentJson[]): FlatDocument[] {
  const flat: FlatDocument[] = [];
  const visit = (doc: Record<string, unknown>, container: FlatDocument | undefined): void => {
    const { subsegments, ...own } = doc as { subsegments?: Record<string, unknown>[] };
    const self = {
      ...own,
      ...(container === undefined
        ? {}
        : { trace_id: container.trace_id, parent_id: container.id, type: 'subsegment' }),
      nested: container !== undefined,
    } as FlatDocument;
    flat.push(self);
    for (const child of subsegments ?? []) visit(child, self);
  };
  for (const doc of documents) visit(doc as Record<string, unknown>, undefined);
  return flat;
}
