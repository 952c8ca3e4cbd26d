import { randomBytes } from 'node:crypto';
import { segmentName } from './segment-name.js';
import type { Datagram } from './udp-daemon-sender.js';
import type { XraySegmentDocument } from './xray-segment-document.js';

/** What precedes every document in a daemon datagram. */
export const DAEMON_HEADER = '{"format":"json","version":1}\n';
/** X-Ray's limit for one document ("64 kB"), read conservatively; also fits one UDP datagram. */
export const MAX_DOCUMENT_BYTES = 64_000;
/** Metadata key listing values cut to fit, so a shortened document says so. */
export const TRUNCATED_KEY = 'otel.xray.truncated';

/** Datagrams for one span, and how many values had to be shortened to fit. */
export interface SegmentDatagrams {
  datagrams: Datagram[];
  truncatedValues: number;
}

const DAEMON_HEADER_BYTES = Buffer.from(DAEMON_HEADER);
const encoder = new TextEncoder();

/**
 * Frames a document for the daemon: `{"format":"json","version":1}\n` + JSON, one datagram per
 * document. A document over 64 kB is split, never dropped: the span's own document keeps every
 * field but `metadata`, and the metadata entries travel in continuation subsegments
 * (`parent_id` = the span's id, same times, name + ` continued`). A single value too large for any
 * document is shortened, and listed under `otel.xray.truncated` in the document that carries it.
 *
 * @example
 * documentToDatagrams(doc).datagrams[0].join(''); // '{"format":"json","version":1}\n{"name":…}'
 */
export function documentToDatagrams(
  document: XraySegmentDocument,
  maxDocumentBytes = MAX_DOCUMENT_BYTES,
): SegmentDatagrams {
  const whole = wholeDatagram(document, maxDocumentBytes);
  if (whole !== undefined) return { datagrams: [whole], truncatedValues: 0 };
  return split(document, maxDocumentBytes);
}

/** The document framed as one datagram, or undefined when it is over the limit. */
export function wholeDatagram(
  document: XraySegmentDocument,
  maxDocumentBytes = MAX_DOCUMENT_BYTES,
): Datagram | undefined {
  const json = JSON.stringify(document);
  // Bytes ≥ characters, and UTF-8 is at most 3 bytes per UTF-16 unit: skip the count when safe.
  if (json.length * 3 <= maxDocumentBytes || Buffer.byteLength(json) <= maxDocumentBytes) {
    return frame(json);
  }
  return undefined;
}

/** Header and document travel as two parts of one datagram: no copy to join them. */
function frame(json: string): Datagram {
  return [DAEMON_HEADER_BYTES, json];
}

function bytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}

function split(document: XraySegmentDocument, max: number): SegmentDatagrams {
  const { metadata, ...core } = document;
  let truncatedValues = 0;
  const shrunkCore = shrinkToFit(core, max);
  truncatedValues += shrunkCore.truncated.length;
  const datagrams = [frame(JSON.stringify(shrunkCore.value))];

  const continuation = (): XraySegmentDocument => ({
    name: segmentName(`${document.name} continued`),
    id: randomBytes(8).toString('hex'),
    trace_id: document.trace_id,
    start_time: document.start_time,
    end_time: document.end_time,
    type: 'subsegment',
    parent_id: document.id,
  });
  const emptyBytes = bytes({ ...continuation(), metadata: { [longestNamespace(metadata)]: {} } });
  // Room for one entry: the empty continuation, the entry's `"key":` and a comma, the truncation note.
  const roomPerEntry = max - emptyBytes - 512;

  let current: Record<string, Record<string, unknown>> = {};
  let currentBytes = emptyBytes;
  const flush = (): void => {
    if (Object.keys(current).length === 0) return;
    datagrams.push(frame(JSON.stringify({ ...continuation(), metadata: current })));
    current = {};
    currentBytes = emptyBytes;
  };
  for (const [namespace, entries] of Object.entries(metadata ?? {})) {
    for (const [key, raw] of Object.entries(entries)) {
      const entryBytes = bytes(key) + bytes(raw) + 2;
      if (entryBytes > roomPerEntry) {
        truncatedValues += 1;
        flush();
        const value = shortened(raw, roomPerEntry - bytes(key) - 64);
        const note = { [key]: value, [TRUNCATED_KEY]: [key] };
        datagrams.push(
          frame(JSON.stringify({ ...continuation(), metadata: { [namespace]: note } })),
        );
        continue;
      }
      if (currentBytes + entryBytes + bytes(namespace) + 4 > max) flush();
      const target = current[namespace];
      if (target === undefined) {
        current[namespace] = { [key]: raw };
        currentBytes += entryBytes + bytes(namespace) + 4;
      } else {
        target[key] = raw;
        currentBytes += entryBytes;
      }
    }
  }
  flush();
  return { datagrams, truncatedValues };
}

function longestNamespace(metadata: XraySegmentDocument['metadata']): string {
  return Object.keys(metadata ?? {}).reduce((a, b) => (b.length > a.length ? b : a), 'default');
}

/**
 * The core document (no metadata) is normally small; when a field alone is huge (a long SQL text,
 * URL or exception message) the longest strings are cut until it fits, and listed.
 */
function shrinkToFit(
  core: Omit<XraySegmentDocument, 'metadata'>,
  max: number,
): { value: XraySegmentDocument; truncated: string[] } {
  let value: XraySegmentDocument = core;
  const truncated: string[] = [];
  for (let attempt = 0; attempt < 20 && bytes(value) > max; attempt++) {
    const longest = longestString(value);
    if (longest === undefined) break;
    const excess = bytes(value) - max + 256 + bytes(truncated) + longest.path.length;
    const keep = Math.max(0, longest.text.length - excess);
    value = structuredClone(value);
    setPath(value, longest.path, `${longest.text.slice(0, keep)}…`);
    truncated.push(longest.path.join('.'));
  }
  if (truncated.length > 0) value.metadata = { default: { [TRUNCATED_KEY]: truncated } };
  // Stack frames are many small strings: if cutting strings was not enough, drop frames.
  for (const exception of value.cause?.exceptions ?? []) {
    while (bytes(value) > max && exception.stack !== undefined && exception.stack.length > 0) {
      exception.stack.pop();
      exception.truncated = (exception.truncated ?? 0) + 1;
    }
  }
  return { value, truncated };
}

function longestString(value: unknown): { path: string[]; text: string } | undefined {
  let best: { path: string[]; text: string } | undefined;
  const visit = (node: unknown, path: string[]): void => {
    if (typeof node === 'string') {
      if (best === undefined || node.length > best.text.length) best = { path, text: node };
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        // Ids, names and times identify the document: never cut them.
        if (path.length === 0 && ['id', 'trace_id', 'parent_id', 'type', 'name'].includes(key))
          continue;
        visit(child, [...path, key]);
      }
    }
  };
  visit(value, []);
  return best !== undefined && best.text.length > 16 ? best : undefined;
}

function setPath(target: unknown, path: string[], value: string): void {
  let node = target as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1)!] = value;
}

/** A value cut to about `maxBytes` of JSON: strings keep their start, anything else its JSON text. */
function shortened(value: unknown, maxBytes: number): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  let keep = Math.max(0, Math.min(text.length, maxBytes));
  // JSON escaping and multi-byte characters can make the text longer than its length says.
  while (keep > 0 && bytes(text.slice(0, keep)) > maxBytes) keep = Math.floor(keep * 0.9);
  return `${text.slice(0, keep)}…`;
}
