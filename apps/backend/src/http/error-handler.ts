import type { ErrorReporter, Logger } from '@cruddur/telemetry/node';
import { isSpanContextValid, type Span, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import {
  BadRequestError,
  NotFoundError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../shared/app-errors.js';
import { currentUserHandle } from '../telemetry/user-baggage.js';
import { getCurrentUser } from './current-user.js';
import { reportedRequest } from './reported-request.js';
import { requestSpan } from './request-span.js';

/** body-parser's errors (http-errors): 4xx with a `type` such as `entity.parse.failed`. */
interface HttpError {
  status: number;
  type?: string;
  message: string;
}

function isClientHttpError(error: unknown): error is HttpError {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** `entity.parse.failed` → `malformed_json`; others keep body-parser's type, snake_cased. */
function bodyParserCode(error: HttpError): string {
  if (error.type === 'entity.parse.failed') return 'malformed_json';
  return (error.type ?? 'bad_request').replaceAll('.', '_');
}

export interface ErrorHandlerDeps {
  logger: Logger;
  errors: ErrorReporter;
}

/**
 * The one mapping from errors to responses: validation codes → 422 JSON array (the original
 * Cruddur's shape), every other client error → `{ error, message }`, anything unexpected → 500
 * with no details. Client errors are the caller's business and are not reported; unexpected ones
 * go to the span (exception event, ERROR status), the log and Rollbar, with the request, the
 * user and the trace id.
 */
export function createErrorHandler(deps: ErrorHandlerDeps) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      // Too late to answer; Express closes the connection.
      next(error);
      return;
    }
    if (error instanceof ValidationError) {
      res.status(422).json(error.codes);
      return;
    }
    if (
      error instanceof BadRequestError ||
      error instanceof NotFoundError ||
      error instanceof UnsupportedMediaTypeError
    ) {
      const code = 'code' in error ? error.code : 'unsupported_media_type';
      res.status(error.status).json({ error: code, message: error.message });
      return;
    }
    if (isClientHttpError(error)) {
      // An aborted upload lands here too: a client problem, never a 500.
      res.status(error.status).json({ error: bodyParserCode(error), message: error.message });
      return;
    }
    reportUnexpected(deps, error, req);
    res.status(500).json({ error: 'internal_error', message: 'internal server error' });
  };
}

function reportUnexpected(deps: ErrorHandlerDeps, error: unknown, req: Request): void {
  const thrown = error instanceof Error ? error : new Error(String(error));
  const span = recordingSpan();
  span?.recordException(thrown);
  span?.setStatus({ code: SpanStatusCode.ERROR, message: thrown.message });
  const spanContext = (span ?? requestSpan())?.spanContext();
  const ids =
    spanContext !== undefined && isSpanContextValid(spanContext)
      ? { traceId: spanContext.traceId, spanId: spanContext.spanId }
      : {};
  const handle = getCurrentUser(req).user?.handle ?? currentUserHandle();
  deps.logger.error(
    {
      err: thrown,
      method: req.method,
      path: req.originalUrl,
      ...(ids.traceId === undefined ? {} : { trace_id: ids.traceId, span_id: ids.spanId }),
    },
    `${req.method} ${req.originalUrl} failed: ${thrown.message}`,
  );
  deps.errors.error(thrown, {
    request: reportedRequest(req),
    ...(handle === undefined ? {} : { person: { id: handle, username: handle } }),
    ...ids,
  });
}

/**
 * The innermost span still open: a route handler's span has usually ended by the time its error
 * reaches this handler, and events on an ended span are discarded.
 */
function recordingSpan(): Span | undefined {
  const active = trace.getActiveSpan();
  if (active?.isRecording()) return active;
  const request = requestSpan();
  return request?.isRecording() ? request : undefined;
}

export function notFoundHandler(req: Request, res: Response): void {
  res.status(404).json({ error: 'not_found', message: `no route for ${req.method} ${req.path}` });
}
