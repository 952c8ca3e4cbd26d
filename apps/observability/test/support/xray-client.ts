import { XRayClient } from '@aws-sdk/client-xray';

/**
 * The real AWS SDK client, pointed at a local server with an endpoint override only; with keys
 * configured, the server's key is the access key id.
 */
export function xrayClient(url: string, accessKeyId = 'local'): XRayClient {
  return new XRayClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

/** Polls `probe` until it returns a value, or fails after `timeoutMs` with `what`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
