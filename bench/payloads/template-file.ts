import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { benchPath } from '../support/paths.js';
import { buildTraceTemplates } from './trace-templates.js';

/** How many distinct SDK-made requests every sender cycles through (re-stamped per send). */
export const TEMPLATE_COUNT = 64;

/**
 * Builds the template requests once per run and writes them to `.bench/`, so the load clients
 * of every target in the run send exactly the same bytes (before re-stamping).
 */
export function writeTemplateFile(): { path: string; bytesPerRequest: number } {
  const templates = buildTraceTemplates(TEMPLATE_COUNT, Date.now());
  const path = benchPath('trace-templates.bin');
  const parts: Buffer[] = [];
  for (const body of templates) {
    const length = Buffer.alloc(4);
    length.writeUInt32LE(body.length);
    parts.push(length, Buffer.from(body));
  }
  writeFileSync(path, Buffer.concat(parts));
  const bytes = templates.reduce((sum, body) => sum + body.length, 0);
  return { path, bytesPerRequest: bytes / templates.length };
}

export function readTemplateFile(path: string): Uint8Array[] {
  if (!existsSync(path)) throw new Error(`no template file at ${path}`);
  const file = readFileSync(path);
  const out: Uint8Array[] = [];
  for (let pos = 0; pos < file.length; ) {
    const length = file.readUInt32LE(pos);
    out.push(file.subarray(pos + 4, pos + 4 + length));
    pos += 4 + length;
  }
  return out;
}
