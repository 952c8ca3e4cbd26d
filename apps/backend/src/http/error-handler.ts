import { trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import {
  BadRequestError,
  NotFoundError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../shared/app-errors.js';

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

/**
 * The one mapping from errors to responses: validation codes → 422 JSON array (the original
 * Cruddur's shape), every other client error → `{ error, message }`, anything unexpected → 500
 * with no details (they go to the span and the log instead).
 */
export function errorHandler(
  error: unknown,
  req: Request,
  res: Response,
  next: NextFunction,
): void {
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
  const span = trace.getActiveSpan();
  if (error instanceof Error) span?.recordException(error);
  console.error(`[backend] ${req.method} ${req.path} failed:`, error);
  res.status(500).json({ error: 'internal_error', message: 'internal server error' });
}

export function notFoundHandler(req: Request, res: Response): void {
  res.status(404).json({ error: 'not_found', message: `no route for ${req.method} ${req.path}` });
}
