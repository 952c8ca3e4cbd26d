/**
 * A request body that cannot be decoded as a whole: the HTTP layer answers 400 with a
 * `google.rpc.Status`. Per-item problems never throw; they are counted as partial success.
 */
export class OtlpDecodeError extends Error {
  override readonly name = 'OtlpDecodeError';
  readonly reason: string;
  #segments: string[] = [];

  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }

  /** Where in the request the problem is, e.g. `resource_spans[0].scope_spans[1].spans[3]`. */
  get path(): string {
    return this.#segments.join('.');
  }

  /**
   * Each enclosing decoder adds its own segment on the way out, so paths cost nothing until
   * something actually fails.
   */
  within(segment: string): this {
    this.#segments.unshift(segment);
    this.message = `${this.path}: ${this.reason}`;
    return this;
  }
}

/** Rethrows `error`, prefixed with `segment` when it is ours. */
export function rethrowWithin(error: unknown, segment: string): never {
  if (error instanceof OtlpDecodeError) throw error.within(segment);
  throw error;
}
