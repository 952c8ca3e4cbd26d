import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Context } from 'hono';

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
 * large plain body nor a gzip bomb is ever held in memory past the limit. Given the Node request
 * underneath (see `nodeIncoming`), it reads that directly: the hot ingest routes skip the web
 * stream Hono would otherwise build around it.
 */
export async function readBody(
  request: Request,
  limit: number,
  incoming?: IncomingMessage,
): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' && declared > limit) throw new BodyTooLargeError(limit);
  const raw =
    incoming === undefined
      ? await readCapped(request, limit)
      : await readCappedNode(incoming, limit, declared);
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

/** The Node request under a Hono context, when served by `@hono/node-server`. */
export function nodeIncoming(c: Context): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

/**
 * Like `readCapped`, from the Node stream; a body of declared length (within the limit) is
 * gathered into one buffer of that size as it arrives, rather than copied again at the end.
 */
function readCappedNode(
  incoming: IncomingMessage,
  limit: number,
  declared: number,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const whole =
      Number.isSafeInteger(declared) && declared > 0 && declared <= limit
        ? Buffer.allocUnsafe(declared)
        : undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error?: Error): void => {
      incoming.off('data', onData).off('end', onEnd).off('error', onClose).off('close', onClose);
      if (error === undefined) {
        if (whole !== undefined) resolve(whole.subarray(0, size));
        else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
      } else {
        // Drain what is left so the connection can still carry the error answer.
        incoming.resume();
        reject(error);
      }
    };
    const onData = (chunk: Buffer): void => {
      if (whole !== undefined) {
        // Node's parser delivers exactly the declared length; anything else is not that body.
        if (size + chunk.length > whole.length) {
          finish(new UnreadableBodyError('body longer than its Content-Length'));
          return;
        }
        chunk.copy(whole, size);
      } else chunks.push(chunk);
      size += chunk.length;
      if (size > limit) finish(new BodyTooLargeError(limit));
    };
    const onEnd = (): void => finish();
    const onClose = (): void => {
      if (!incoming.complete) finish(new ClientAbortedError());
    };
    if (incoming.readableEnded) {
      reject(new ClientAbortedError());
      return;
    }
    incoming.on('data', onData).on('end', onEnd).on('error', onClose).on('close', onClose);
  });
}
