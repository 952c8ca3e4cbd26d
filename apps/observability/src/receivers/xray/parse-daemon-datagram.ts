import { parseXrayDocument, type XrayDocumentParse } from './parse-xray-document.js';

/** The header a datagram must start with; the daemon compares `format` case-insensitively. */
const HEADER_MAX_BYTES = 256;
/** The daemon's receive buffer: a header line, a newline and one document. */
export const MAX_DATAGRAM_BYTES = 64 * 1024;

/**
 * Reads one daemon datagram: `{"format":"json","version":1}\n<document>`. The header is split at
 * the first newline, as the daemon does; a wrong or missing header drops the datagram.
 */
export function parseDaemonDatagram(datagram: Uint8Array): XrayDocumentParse {
  if (datagram.byteLength > MAX_DATAGRAM_BYTES) {
    return { ok: false, id: undefined, reason: `datagram exceeds ${MAX_DATAGRAM_BYTES} bytes` };
  }
  const newline = datagram.indexOf(0x0a);
  if (newline < 0 || newline > HEADER_MAX_BYTES) {
    return { ok: false, id: undefined, reason: 'missing header or segment' };
  }
  const buffer = Buffer.from(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  if (!isValidHeader(buffer.toString('utf8', 0, newline))) {
    return { ok: false, id: undefined, reason: 'invalid header' };
  }
  const body = buffer.toString('utf8', newline + 1);
  if (body.trim() === '') return { ok: false, id: undefined, reason: 'missing header or segment' };
  return parseXrayDocument(body);
}

function isValidHeader(text: string): boolean {
  try {
    const header = JSON.parse(text) as unknown;
    if (typeof header !== 'object' || header === null) return false;
    const { format, version } = header as Record<string, unknown>;
    return typeof format === 'string' && format.toLowerCase() === 'json' && version === 1;
  } catch {
    return false;
  }
}
