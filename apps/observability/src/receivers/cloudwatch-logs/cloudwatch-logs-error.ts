/** The `__type` codes this server answers with; the AWS SDK turns each into its exception class. */
export type CloudWatchLogsErrorCode =
  | 'AccessDeniedException'
  | 'InvalidOperationException'
  | 'InvalidParameterException'
  | 'ResourceAlreadyExistsException'
  | 'ResourceNotFoundException'
  | 'SerializationException'
  | 'ServiceUnavailableException'
  | 'UnknownOperationException'
  | 'UnrecognizedClientException';

/** A CloudWatch Logs API error, answered as `{"__type": code, "message": …}`. */
export class CloudWatchLogsError extends Error {
  constructor(
    readonly code: CloudWatchLogsErrorCode,
    message: string,
    readonly status: 400 | 413 | 500 | 503 = 400,
  ) {
    super(message);
    this.name = 'CloudWatchLogsError';
  }
}

export function invalidParameter(message: string): CloudWatchLogsError {
  return new CloudWatchLogsError('InvalidParameterException', message);
}

export function groupNotFound(): CloudWatchLogsError {
  return new CloudWatchLogsError(
    'ResourceNotFoundException',
    'The specified log group does not exist.',
  );
}

export function streamNotFound(): CloudWatchLogsError {
  return new CloudWatchLogsError(
    'ResourceNotFoundException',
    'The specified log stream does not exist.',
  );
}
