import { describe, expect, it } from 'vitest';
import {
  DAEMON_HEADER,
  documentToDatagrams,
  MAX_DOCUMENT_BYTES,
  TRUNCATED_KEY,
} from './segment-datagrams.js';
import type { Datagram } from './udp-daemon-sender.js';
import type { XraySegmentDocument } from './xray-segment-document.js';
import {
  parseDaemonDatagram,
  type XrayDocumentJson,
} from './xray-segment-document-schema.testing.js';

function segment(extra: Partial<XraySegmentDocument> = {}): XraySegmentDocument {
  return {
    name: 'cruddur-backend',
    id: '70de5b6f19ff9a0a',
    trace_id: '1-581cf771-a006649127e371903a2de979',
    start_time: 1_700_000_000.123_456,
    end_time: 1_700_000_000.223_456,
    http: { request: { method: 'GET', url: 'http://127.0.0.1:4567/api/activities/home' } },
    ...extra,
  };
}

function parseAll(datagrams: Datagram[]): XrayDocumentJson[] {
  for (const datagram of datagrams.map((parts) => Buffer.concat(parts.map((p) => Buffer.from(p)))))
    expect(datagram.length).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES + DAEMON_HEADER.length);
  return datagrams.map(parseDaemonDatagram);
}

function metadataOf(documents: XrayDocumentJson[]): Record<string, Record<string, unknown>> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const doc of documents) {
    for (const [namespace, entries] of Object.entries(doc.metadata ?? {})) {
      merged[namespace] = { ...merged[namespace], ...entries };
    }
  }
  return merged;
}

describe('documentToDatagrams', () => {
  it('frames a document as the daemon expects: the JSON header line, then the document', () => {
    const doc = segment({ metadata: { default: { 'app.now': 'now' } } });
    const { datagrams, truncatedValues } = documentToDatagrams(doc);
    expect(datagrams).toHaveLength(1);
    expect(datagrams[0]!.join('')).toBe(`{"format":"json","version":1}\n${JSON.stringify(doc)}`);
    expect(parseAll(datagrams)).toEqual([doc]);
    expect(truncatedValues).toBe(0);
  });

  it('splits a document over 64 kB into the span and continuation subsegments, losing nothing', () => {
    const entries = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`app.field_${i}`, `${i}:${'é'.repeat(500)}`]),
    );
    const doc = segment({ metadata: { default: entries, debug: { rows: [1, 2, 3] } } });
    expect(Buffer.byteLength(JSON.stringify(doc))).toBeGreaterThan(3 * MAX_DOCUMENT_BYTES);

    const { datagrams, truncatedValues } = documentToDatagrams(doc);
    const documents = parseAll(datagrams);
    expect(documents.length).toBeGreaterThanOrEqual(4);
    expect(truncatedValues).toBe(0);
    const [own, ...continuations] = documents;
    expect(own).toEqual(segment());
    for (const continuation of continuations) {
      expect(continuation).toMatchObject({
        type: 'subsegment',
        name: 'cruddur-backend continued',
        trace_id: doc.trace_id,
        parent_id: doc.id,
        start_time: doc.start_time,
        end_time: doc.end_time,
      });
    }
    expect(new Set(continuations.map((c) => c.id)).size).toBe(continuations.length);
    expect(metadataOf(documents)).toEqual(doc.metadata);
  });

  it('shortens a single value too large for any document, and says so in that document', () => {
    const doc = segment({ metadata: { default: { big: 'x'.repeat(200_000), small: 1 } } });
    const { datagrams, truncatedValues } = documentToDatagrams(doc);
    const documents = parseAll(datagrams);
    expect(truncatedValues).toBe(1);
    const merged = metadataOf(documents);
    expect(merged.default?.small).toBe(1);
    expect(String(merged.default?.big).length).toBeLessThan(MAX_DOCUMENT_BYTES);
    expect(String(merged.default?.big)).toMatch(/^x+…$/);
    expect(merged.default?.[TRUNCATED_KEY]).toEqual(['big']);
  });

  it('shortens a huge field of the span itself (a long SQL text) and lists it', () => {
    const doc: XraySegmentDocument = {
      ...segment(),
      type: 'subsegment',
      parent_id: '1111111111111111',
      sql: {
        sanitized_query: `SELECT ${'a, '.repeat(40_000)}b FROM t`,
        database_type: 'postgresql',
      },
    };
    const { datagrams, truncatedValues } = documentToDatagrams(doc);
    const [own] = parseAll(datagrams);
    expect(truncatedValues).toBe(1);
    expect((own as { sql?: { sanitized_query?: string } }).sql?.sanitized_query).toMatch(
      /^SELECT a, a, .*…$/,
    );
    expect(own?.metadata?.default?.[TRUNCATED_KEY]).toEqual(['sql.sanitized_query']);
    expect(own?.id).toBe(doc.id);
  });
});
