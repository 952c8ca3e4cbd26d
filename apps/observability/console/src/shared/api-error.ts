/** A failed API call, with the server's own message so the console can show it plainly. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The server wants a query key (none given, or one that may not read). */
  get needsKey(): boolean {
    return this.status === 401 || this.status === 403;
  }
}
