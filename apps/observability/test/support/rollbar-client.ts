import Rollbar from 'rollbar';

/** A real rollbar.js notifier posting to the server under test; no client-side rate limit. */
export function rollbarFor(baseUrl: string, options: Partial<Rollbar.Configuration> = {}): Rollbar {
  return new Rollbar({
    accessToken: 'local-token',
    environment: 'test',
    endpoint: `${baseUrl}/api/1/item/`,
    itemsPerMinute: 0,
    maxItems: 0,
    ...options,
  });
}

export type RollbarLevel = 'critical' | 'error' | 'warning' | 'info' | 'debug';

/** Reports through the SDK and resolves with what the server answered (or the SDK's error). */
export function report(
  rollbar: Rollbar,
  level: RollbarLevel,
  ...args: Rollbar.LogArgument[]
): Promise<{ error: Error | null; response: { uuid?: string } | undefined }> {
  return new Promise((resolve) => {
    rollbar[level](...args, (error: Error | null, response: unknown) =>
      resolve({ error, response: response as { uuid?: string } | undefined }),
    );
  });
}

/** GETs a Rollbar read API path and returns its `result`, failing on an `err`. */
export async function rollbarRead<T = Record<string, unknown>>(
  baseUrl: string,
  path: string,
  token?: string,
): Promise<T> {
  const response = await fetch(`${baseUrl}/api/1/${path}`, {
    headers: token ? { 'x-rollbar-access-token': token } : {},
  });
  const body = (await response.json()) as { err: number; result: T; message?: string };
  if (body.err !== 0) throw new Error(`${response.status} ${body.message}`);
  return body.result;
}
