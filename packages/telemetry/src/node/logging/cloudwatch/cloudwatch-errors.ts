/** What the shipper does about a failed call. */
export type FailureAction = 'recreate' | 'retry' | 'drop';

interface AwsLikeError {
  name?: unknown;
  code?: unknown;
  $retryable?: { throttling?: boolean } | undefined;
  $metadata?: { httpStatusCode?: number | undefined } | undefined;
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);
const TRANSIENT = new Set(['ServiceUnavailableException', 'InternalServerException']);
/** Node's socket errors for a backend that is down or unreachable right now. */
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Missing group or stream (deleted, or never created) → create them and send again; throttling,
 * 5xx and network trouble → back off and retry; anything else (bad parameters, credentials,
 * permissions) would fail the same way again → drop and count.
 */
export function classifyFailure(error: unknown): FailureAction {
  const e = (error ?? {}) as AwsLikeError;
  const name = typeof e.name === 'string' ? e.name : '';
  if (name === 'ResourceNotFoundException') return 'recreate';
  if (THROTTLING.has(name) || TRANSIENT.has(name) || e.$retryable !== undefined) return 'retry';
  const status = e.$metadata?.httpStatusCode;
  if (status === 429 || (status !== undefined && status >= 500)) return 'retry';
  if (name === 'TimeoutError' || name === 'AbortError') return 'retry';
  if (typeof e.code === 'string' && NETWORK.has(e.code)) return 'retry';
  return 'drop';
}

export function isAlreadyExists(error: unknown): boolean {
  return (error as AwsLikeError | null)?.name === 'ResourceAlreadyExistsException';
}

export function isNotFound(error: unknown): boolean {
  return (error as AwsLikeError | null)?.name === 'ResourceNotFoundException';
}

/** One line for the drop warning: the AWS error code and message, or the socket error. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const detail = typeof code === 'string' && !error.message.includes(code) ? ` (${code})` : '';
  return `${error.name}: ${error.message}${detail}`;
}
