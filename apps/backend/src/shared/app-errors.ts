/**
 * Typed errors thrown by services and middleware; `http/error-handler.ts` is the one place that
 * maps them to responses. `status` marks them as expected client errors (no stack recorded).
 */

/** 422 with a JSON array of codes, the original Cruddur's shape: `["message_blank"]`. */
export class ValidationError extends Error {
  readonly status = 422;
  constructor(readonly codes: readonly string[]) {
    super(`validation failed: ${codes.join(', ')}`);
    this.name = 'ValidationError';
  }
}

/** 400 `{ error, message }`: the request cannot be understood (bad JSON, wrong types, bad id). */
export class BadRequestError extends Error {
  readonly status = 400;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BadRequestError';
  }
}

/** 404 `{ error, message }`. */
export class NotFoundError extends Error {
  readonly status = 404;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** 415 `{ error, message }`: a body that is not JSON. */
export class UnsupportedMediaTypeError extends Error {
  readonly status = 415;
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedMediaTypeError';
  }
}
