import type { Context } from 'hono';
import { CloudWatchLogsError } from '../receivers/cloudwatch-logs/cloudwatch-logs-error.js';
import { StoreClosedError, StoreOverloadedError } from '../store/store-errors.js';
import { MalformedJsonError } from './json-body.js';
import { BodyTooLargeError, ClientAbortedError, UnreadableBodyError } from './request-body.js';

export const AWS_JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** An AWS JSON 1.1 error answer: the SDK reads the code from `__type`. */
export function awsErrorResponse(c: Context, error: CloudWatchLogsError): Response {
  c.header('x-amzn-ErrorType', error.code);
  return c.body(JSON.stringify({ __type: error.code, message: error.message }), error.status, {
    'content-type': AWS_JSON_CONTENT_TYPE,
  });
}

/** The one mapping from errors to CloudWatch Logs answers. */
export function cloudWatchLogsErrorResponse(error: Error, c: Context): Response {
  return awsErrorResponse(c, toCloudWatchLogsError(error, c));
}

function toCloudWatchLogsError(error: Error, c: Context): CloudWatchLogsError {
  if (error instanceof CloudWatchLogsError) return error;
  if (error instanceof MalformedJsonError) {
    return new CloudWatchLogsError('SerializationException', error.message);
  }
  if (error instanceof BodyTooLargeError) {
    return new CloudWatchLogsError('InvalidParameterException', error.message, 413);
  }
  if (error instanceof UnreadableBodyError || error instanceof ClientAbortedError) {
    return new CloudWatchLogsError('SerializationException', error.message);
  }
  if (error instanceof StoreOverloadedError || error instanceof StoreClosedError) {
    c.header(
      'Retry-After',
      String(error instanceof StoreOverloadedError ? error.retryAfterSeconds : 5),
    );
    return new CloudWatchLogsError('ServiceUnavailableException', error.message, 503);
  }
  console.error('cloudwatch logs api error', error);
  return new CloudWatchLogsError('ServiceUnavailableException', 'internal error', 500);
}
