import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

/** The body (after decompression) is larger than the limit: HTTP 413. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds the limit of ${limit} bytes (measured after decompression)`);
    this.name = 'BodyTooLargeError';
  }
}

/** The body cannot be read: truncated or corrupt compression, unknown encoding. HTTP 400/415. */
export class UnreadableBodyError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 415 = 400,
  ) {
    super(message);
    this.name = 'UnreadableBodyError';
  }
}

/**
 * Reads a whole request body within `limit` bytes, inflating gzip with the same cap, so neither a
 * large plain body nor a gzip bomb is ever held in memory past the limit.
 */
export async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' && declared > limit) throw new BodyTooLargeError(limit);
  const raw = await readCapped(request, limit);
  if (encoding === 'identity' || encoding === '') return raw;
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new UnreadableBodyError(
      `unsupported Content-Encoding "${encoding}"; use gzip or none`,
      415,
    );
  }
  try {
    return await gunzipAsync(raw, { maxOutputLength: limit });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new BodyTooLargeError(limit);
    }
    throw new UnreadableBodyError(`gzip body cannot be inflated: ${(error as Error).message}`);
  }
}

/** The client went away before its body arrived: nothing to answer, nothing stored. */
export class ClientAbortedError extends Error {
  constructor() {
    super('client closed the connection before the body was complete');
    this.name = 'ClientAbortedError';
  }
}

async function readCapped(request: Request, limit: number): Promise<Uint8Array> {
  if (request.body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      throw new ClientAbortedError();
    });
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
