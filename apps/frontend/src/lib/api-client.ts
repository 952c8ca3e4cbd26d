import { z } from 'zod';
import { config } from '../config/env.js';
import { ApiError } from './api-error.js';
import { describeErrorCode } from './error-messages.js';

const errorBodySchema = z.union([
  z.array(z.string()),
  z.object({ error: z.string(), message: z.string().optional() }),
]);

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Calls the Cruddur API and parses the answer with `schema`. Cookies go along (the session is
 * an HttpOnly cookie on the API's origin). `fetch` is called synchronously, before any `await`,
 * so the click or submit span that is active right now becomes the request span's parent.
 */
export function apiRequest<S extends z.ZodType>(
  path: string,
  schema: S,
  request: ApiRequest = {},
): Promise<z.infer<S>> {
  const sent = fetch(`${config.backendUrl}${path}`, {
    method: request.method ?? 'GET',
    credentials: 'include',
    headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal: request.signal,
  });
  return sent.then(
    (response) => parseResponse(response, schema),
    (error: unknown) => {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, ['network_error'], describeErrorCode('network_error'));
    },
  );
}

async function parseResponse<S extends z.ZodType>(
  response: Response,
  schema: S,
): Promise<z.infer<S>> {
  const body: unknown =
    response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) throw errorFromBody(response.status, body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      ['unexpected_response'],
      `The API answered in an unexpected shape (${parsed.error.issues[0]?.message ?? 'invalid'})`,
    );
  }
  return parsed.data;
}

function errorFromBody(status: number, body: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return new ApiError(status, [], `The API answered ${status}`);
  if (Array.isArray(parsed.data)) {
    return new ApiError(status, parsed.data, parsed.data.join(', '));
  }
  return new ApiError(
    status,
    [parsed.data.error],
    parsed.data.message ?? `The API answered ${status}`,
  );
}
