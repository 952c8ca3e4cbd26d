/**
 * One numbered schema change. Statements run one by one (PGlite's extended protocol takes a
 * single statement per query) inside one transaction; `version` is recorded once applied and
 * must never be reused or edited after release — add a new migration instead.
 */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}
