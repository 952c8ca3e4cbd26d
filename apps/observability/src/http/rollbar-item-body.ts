import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../receivers/rollbar/json-depth.js';
import { MalformedJsonError } from './json-body.js';
import { readBody } from './request-body.js';

/** The item API's own limit: Rollbar documents 1 MB item payloads (its SDKs truncate below it). */
export const ROLLBAR_MAX_BODY_BYTES = 1024 * 1024;

/** Valid JSON nested deeper than any reporter sends: refused before anything walks it. */
export class JsonTooDeepError extends Error {
  constructor() {
    super(`request body nests deeper than ${MAX_JSON_DEPTH} levels`);
    this.name = 'JsonTooDeepError';
  }
}

/**
 * Reads an item request: a JSON body, or the legacy form body with the JSON in `payload`;
 * size-capped (gzip included) and depth-checked before parsing.
 */
export async function readRollbarBody(request: Request, limit: number): Promise<unknown> {
  const bytes = await readBody(request, limit);
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const type = request.headers.get('content-type') ?? '';
  if (/^application\/x-www-form-urlencoded\b/i.test(type)) {
    text = new URLSearchParams(text).get('payload') ?? '';
  }
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) throw new JsonTooDeepError();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MalformedJsonError((error as Error).message);
  }
}
