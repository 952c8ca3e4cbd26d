import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

/** The real SDK client pointed at a local server, as `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS` would. */
export function cloudWatchLogsClient(
  url: string,
  accessKeyId = 'AKIDLOCAL',
  options: { maxAttempts?: number } = {},
): CloudWatchLogsClient {
  return new CloudWatchLogsClient({
    endpoint: url,
    region: 'eu-west-1',
    credentials: { accessKeyId, secretAccessKey: 'local-secret' },
    maxAttempts: options.maxAttempts ?? 1,
  });
}

/** Resolves to the error a call rejects with, so tests can assert on its name and fields. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}
