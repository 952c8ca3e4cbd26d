/**
 * A query spec the engine refuses, with the spec field to blame (`calculations[0].column`,
 * `filters[2].value`, `time_range`). The HTTP layer answers it as 400 `{"error", "field"}`.
 */
export class QueryValidationError extends Error {
  override readonly name = 'QueryValidationError';
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}
