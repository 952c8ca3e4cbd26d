import type { Context } from 'hono';
import { QueryValidationError } from '../query/query-validation-error.js';
import { StoreClosedError, StoreOverloadedError } from '../store/store-errors.js';
import { MalformedJsonError } from './json-body.js';
import { BodyTooLargeError, ClientAbortedError, UnreadableBodyError } from './request-body.js';

/** The one mapping from errors to Honeycomb's `{"error": …}` answers. */
export function honeycombErrorResponse(error: Error, c: Context): Response {
  if (error instanceof QueryValidationError) {
    return c.json({ error: error.message, field: error.field }, 400);
  }
  if (error instanceof ClientAbortedError) return c.json({ error: error.message }, 400);
  if (error instanceof BodyTooLargeError)
    return c.json({ error: 'request body is too large' }, 413);
  if (error instanceof MalformedJsonError) return c.json({ error: error.message }, 400);
  if (error instanceof UnreadableBodyError) return c.json({ error: error.message }, error.status);
  if (error instanceof StoreOverloadedError || error instanceof StoreClosedError) {
    c.header('Retry-After', '1');
    return c.json({ error: 'request dropped due to rate limiting' }, 503);
  }
  console.error('honeycomb api error', error);
  return c.json({ error: 'internal error' }, 500);
}
