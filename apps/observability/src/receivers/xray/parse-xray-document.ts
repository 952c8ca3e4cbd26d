import { parseSpanIdHex } from '../../model/ids.js';
import { firstIssue } from '../first-issue.js';
import {
  MAX_XRAY_DOCUMENT_BYTES,
  MAX_XRAY_NESTING,
  type XrayDocument,
  type XraySubsegment,
  xrayDocumentSchema,
} from './xray-segment-schema.js';
import { parseXrayTraceId } from './xray-trace-id.js';

export type XrayDocumentParse =
  | { readonly ok: true; readonly document: XrayDocument }
  | { readonly ok: false; readonly id: string | undefined; readonly reason: string };

/** JSON levels allowed: each subsegment level costs two (its array and its object), plus room for values. */
const MAX_JSON_DEPTH = MAX_XRAY_NESTING * 2 + 16;

/** Parses and validates one segment document; never throws, whatever the text holds. */
export function parseXrayDocument(text: string): XrayDocumentParse {
  if (Buffer.byteLength(text, 'utf8') > MAX_XRAY_DOCUMENT_BYTES) {
    return {
      ok: false,
      id: undefined,
      reason: `document exceeds ${MAX_XRAY_DOCUMENT_BYTES} bytes`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, id: undefined, reason: `not JSON: ${(error as Error).message}` };
  }
  const id = idOf(json);
  if (depthExceeds(json, MAX_JSON_DEPTH)) {
    return { ok: false, id, reason: `document nests deeper than ${MAX_XRAY_NESTING} subsegments` };
  }
  const parsed = xrayDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const { where, message } = firstIssue(parsed.error, 'document');
    return { ok: false, id, reason: `invalid segment document: ${where} ${message}` };
  }
  if (hasZeroId(parsed.data)) {
    return { ok: false, id, reason: 'invalid segment document: ids must not be all zero' };
  }
  return { ok: true, document: parsed.data };
}

/** X-Ray and OTLP alike treat an all-zero trace or span id as absent. */
function hasZeroId(document: XrayDocument): boolean {
  if (parseXrayTraceId(document.trace_id) === undefined) return true;
  if (document.parent_id !== undefined && parseSpanIdHex(document.parent_id) === undefined)
    return true;
  const bodies: XraySubsegment[] = [document];
  while (bodies.length > 0) {
    const body = bodies.pop()!;
    if (parseSpanIdHex(body.id) === undefined) return true;
    bodies.push(...(body.subsegments ?? []));
  }
  return false;
}

function idOf(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const id = (json as Record<string, unknown>).id;
  return typeof id === 'string' ? id.slice(0, 64) : undefined;
}

/** Iterative, so a hostile document cannot exhaust the stack while being measured. */
function depthExceeds(root: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
