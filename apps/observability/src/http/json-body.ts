import { readBody } from './request-body.js';

/** The body is not valid JSON. */
export class MalformedJsonError extends Error {
  constructor(detail: string) {
    super(`request body is malformed and cannot be read as JSON: ${detail}`);
    this.name = 'MalformedJsonError';
  }
}

/**
 * Reads a size-capped (and possibly gzip) body and parses it as JSON. With `emptyAs`, a blank
 * body stands for that value: AWS SDKs send none for operations without input.
 */
export async function readJson(
  request: Request,
  limit: number,
  options: { readonly emptyAs?: object } = {},
): Promise<unknown> {
  const bytes = await readBody(request, limit);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (options.emptyAs !== undefined && text.trim() === '') return options.emptyAs;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MalformedJsonError((error as Error).message);
  }
}
