import type { z } from 'zod';
import { ApiError } from './api-error.js';
import { readQueryKey } from './query-key.js';

/** Listeners told when the server asks for a query key, so the layout can prompt for one. */
const keyListeners = new Set<() => void>();

export function onKeyRequired(listener: () => void): () => void {
  keyListeners.add(listener);
  return () => keyListeners.delete(listener);
}

function authHeaders(): Record<string, string> {
  const key = readQueryKey();
  // The server's own routes read X-Api-Key; Honeycomb's and Rollbar's also read their own header.
  return key === undefined
    ? {}
    : { 'x-api-key': key, 'x-honeycomb-team': key, 'x-rollbar-access-token': key };
}

/** Fetches from the server, parses the JSON with `schema`, and turns failures into ApiError. */
export async function requestJson<S extends z.ZodType>(
  path: string,
  schema: S,
  init: RequestInit = {},
): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { accept: 'application/json', ...authHeaders(), ...init.headers },
    });
  } catch (error) {
    throw new ApiError(0, `the server did not answer (${String(error)})`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = new ApiError(response.status, errorMessage(response, body, text));
    if (error.needsKey) for (const listener of keyListeners) listener();
    throw error;
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(
      response.status,
      `unexpected answer from ${path}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    );
  }
  return parsed.data;
}

export function postJson<S extends z.ZodType>(
  path: string,
  body: unknown,
  schema: S,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<z.infer<S>> {
  return requestJson(path, schema, { method: 'POST', headers, body: JSON.stringify(body) });
}

/** Every protocol names its error differently: Honeycomb `error`, Rollbar `message`, AWS `__type`. */
function errorMessage(response: Response, body: unknown, text: string): string {
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    const message = b.error ?? b.message ?? b.Message;
    const type = typeof b.__type === 'string' ? `${b.__type.split('#').pop()}: ` : '';
    if (typeof message === 'string') return `${type}${message}`;
  }
  return `${response.status} ${response.statusText}${text ? `: ${text.slice(0, 300)}` : ''}`;
}
