/** An X-Ray API error: answered with `x-amzn-ErrorType: <code>` and `{"message"}`. */
export class XrayApiError extends Error {
  constructor(
    readonly code: 'InvalidRequestException' | 'ThrottledException' | 'RuleLimitExceededException',
    message: string,
    readonly status: 400 | 413 | 429 = code === 'ThrottledException' ? 429 : 400,
  ) {
    super(message);
    this.name = 'XrayApiError';
  }
}

export function invalidRequest(message: string): XrayApiError {
  return new XrayApiError('InvalidRequestException', message);
}
