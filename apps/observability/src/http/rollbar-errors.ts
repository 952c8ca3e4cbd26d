import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { StoreClosedError, StoreOverloadedError } from '../store/store-errors.js';
import { MalformedJsonError } from './json-body.js';
import { BodyTooLargeError, ClientAbortedError, UnreadableBodyError } from './request-body.js';

/** Rollbar's error answer: `{"err": 1, "message": …}` (its SDKs read `err`, not the status). */
export function rollbarError(c: Context, status: ContentfulStatusCode, message: string): Response {
  return c.json({ err: 1, message }, status);
}

/** The one mapping from errors to Rollbar answers; only 503 is retryable, with Retry-After. */
export function rollbarErrorResponse(error: Error, c: Context): Response {
  if (error instanceof BodyTooLargeError) {
    return rollbarError(c, 413, `Request entity too large: the limit is ${error.limit} bytes`);
  }
  if (error instanceof MalformedJsonError || error instanceof ClientAbortedError) {
    return rollbarError(c, 400, error.message);
  }
  if (error instanceof UnreadableBodyError) return rollbarError(c, error.status, error.message);
  if (error instanceof StoreOverloadedError || error instanceof StoreClosedError) {
    c.header(
      'Retry-After',
      String(error instanceof StoreOverloadedError ? error.retryAfterSeconds : 5),
    );
    return rollbarError(c, 503, error.message);
  }
  console.error('rollbar api error', error);
  return rollbarError(c, 500, 'internal error');
}
