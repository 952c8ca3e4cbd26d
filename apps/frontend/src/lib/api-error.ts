/**
 * An API call that did not succeed: a 4xx/5xx answer (with the API's error codes), a response
 * that did not match the expected shape, or no answer at all (`status` 0).
 */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    /** The API's codes: a 422's array, or the `error` of `{ error, message }`. */
    readonly codes: readonly string[],
    message: string,
  ) {
    super(message);
  }
}
