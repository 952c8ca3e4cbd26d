/** A parsed CloudWatch Logs filter pattern. */
export type FilterPattern =
  | { readonly kind: 'all' }
  | {
      readonly kind: 'terms';
      /** Every one must occur. */
      readonly required: readonly string[];
      /** None may occur (`-term`). */
      readonly excluded: readonly string[];
      /** At least one must occur when any are given (`?term`). */
      readonly anyOf: readonly string[];
    }
  | { readonly kind: 'regex'; readonly regex: RegExp }
  | { readonly kind: 'json'; readonly expression: Expression<JsonTest> }
  | { readonly kind: 'fields'; readonly slots: readonly FieldSlot[] };

export type Expression<T> =
  | { readonly kind: 'and' | 'or'; readonly left: Expression<T>; readonly right: Expression<T> }
  | { readonly kind: 'test'; readonly test: T };

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A literal on the right of a comparison. */
export type Literal =
  | { readonly kind: 'number'; readonly value: number; readonly text: string }
  /** `*` is a wildcard; quoted or bare. */
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'regex'; readonly regex: RegExp };

export interface Comparison {
  readonly kind: 'compare';
  readonly op: ComparisonOp;
  readonly literal: Literal;
}

/** One step of a JSON selector: an object member or an array index. */
export type SelectorStep = string | number;

export type JsonTest =
  | (Comparison & { readonly selector: readonly SelectorStep[] })
  | {
      readonly kind: 'is';
      readonly selector: readonly SelectorStep[];
      readonly check: 'null' | 'true' | 'false' | 'notExists';
    };

/** A position in a space-delimited pattern: a named field, maybe with conditions, or `...`. */
export type FieldSlot =
  | { readonly kind: 'ellipsis' }
  | {
      readonly kind: 'field';
      readonly name: string;
      readonly condition: Expression<Comparison> | undefined;
    };

export class FilterPatternSyntaxError extends Error {
  constructor(message: string) {
    super(`Invalid filter pattern: ${message}`);
    this.name = 'FilterPatternSyntaxError';
  }
}
