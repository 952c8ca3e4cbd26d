import type {
  Comparison,
  Expression,
  FieldSlot,
  FilterPattern,
  JsonTest,
  SelectorStep,
} from './filter-pattern-ast.js';

/** Whether one log message matches. Matching is case-sensitive, as the service's is. */
export type LogMatcher = (message: string) => boolean;

/**
 * Compiles a parsed pattern to a matcher. Terms match as substrings. JSON patterns match messages
 * that parse as JSON; a selector that finds nothing, an object or an array makes its comparison
 * false (`!=` included) — only `NOT EXISTS` is true for a missing member. Numeric operators need
 * a JSON number (JSON) or a numeric field (space-delimited); `=` with a number also matches the
 * same number written as text. Text values take `*` as a wildcard.
 */
export function compileFilterPattern(pattern: FilterPattern): LogMatcher {
  switch (pattern.kind) {
    case 'all':
      return () => true;
    case 'regex':
      return (message) => pattern.regex.test(message);
    case 'terms': {
      const { required, excluded, anyOf } = pattern;
      return (message) =>
        required.every((term) => message.includes(term)) &&
        !excluded.some((term) => message.includes(term)) &&
        (anyOf.length === 0 || anyOf.some((term) => message.includes(term)));
    }
    case 'json': {
      const test = compileExpression(pattern.expression, compileJsonTest);
      return (message) => {
        const first = message.trimStart()[0];
        if (first !== '{' && first !== '[') return false;
        let document: unknown;
        try {
          document = JSON.parse(message);
        } catch {
          return false;
        }
        return test(document);
      };
    }
    case 'fields': {
      const match = compileSlots(pattern.slots);
      return (message) => match(splitFields(message));
    }
  }
}

function compileExpression<T, V>(
  expression: Expression<T>,
  compileTest: (test: T) => (value: V) => boolean,
): (value: V) => boolean {
  if (expression.kind === 'test') return compileTest(expression.test);
  const left = compileExpression(expression.left, compileTest);
  const right = compileExpression(expression.right, compileTest);
  return expression.kind === 'and'
    ? (value) => left(value) && right(value)
    : (value) => left(value) || right(value);
}

function compileJsonTest(test: JsonTest): (document: unknown) => boolean {
  const select = (document: unknown) => selectPath(document, test.selector);
  if (test.kind === 'is') {
    switch (test.check) {
      case 'notExists':
        return (document) => !select(document).found;
      case 'null':
        return (document) => {
          const hit = select(document);
          return hit.found && hit.value === null;
        };
      case 'true':
      case 'false': {
        const expected = test.check === 'true';
        return (document) => select(document).value === expected;
      }
    }
  }
  const compare = compileComparison(test, false);
  return (document) => {
    const hit = select(document);
    return hit.found && compare(hit.value);
  };
}

function selectPath(
  document: unknown,
  steps: readonly SelectorStep[],
): { found: boolean; value?: unknown } {
  let value = document;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(value) || step >= value.length) return { found: false };
      value = value[step];
    } else {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return { found: false };
      }
      if (!Object.hasOwn(value, step)) return { found: false };
      value = (value as Record<string, unknown>)[step];
    }
  }
  return { found: true, value };
}

/**
 * A comparison against one scalar. `numericText` lets numbers written as text compare as numbers
 * (space-delimited fields are always text); JSON keeps its types.
 */
function compileComparison(
  comparison: Comparison,
  numericText: boolean,
): (value: unknown) => boolean {
  const { op, literal } = comparison;
  const scalar = (value: unknown): value is string | number | boolean =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
  const negate = op === '!=';
  if (literal.kind === 'regex') {
    return (value) => scalar(value) && literal.regex.test(String(value)) !== negate;
  }
  if (literal.kind === 'text') {
    const matches = globMatcher(literal.text);
    return (value) => scalar(value) && matches(String(value)) !== negate;
  }
  const target = literal.value;
  const equality = op === '=' || op === '!=';
  return (value) => {
    let number: number | undefined;
    if (typeof value === 'number') number = value;
    else if (typeof value === 'string' && (equality || numericText) && NUMERIC.test(value)) {
      number = Number(value);
    }
    if (number === undefined) return false;
    switch (op) {
      case '=':
        return number === target;
      case '!=':
        return number !== target;
      case '<':
        return number < target;
      case '<=':
        return number <= target;
      case '>':
        return number > target;
      case '>=':
        return number >= target;
    }
  };
}

const NUMERIC = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Exact text, or a pattern where `*` stands for any run of characters. */
function globMatcher(pattern: string): (text: string) => boolean {
  if (!pattern.includes('*')) return (text) => text === pattern;
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*');
  const regex = new RegExp(`^${source}$`);
  return (text) => regex.test(text);
}

/**
 * Splits a message into fields at whitespace; text in double quotes or square brackets is one
 * field (without its quotes or brackets).
 */
export function splitFields(message: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i < message.length) {
    const c = message[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const close = c === '"' ? '"' : c === '[' ? ']' : undefined;
    if (close !== undefined) {
      const end = message.indexOf(close, i + 1);
      if (end >= 0) {
        fields.push(message.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    let j = i;
    while (j < message.length && !/\s/.test(message[j]!)) j++;
    fields.push(message.slice(i, j));
    i = j;
  }
  return fields;
}

/** Binds fields to slots left to right; `...` takes any number of fields (memoized search). */
function compileSlots(slots: readonly FieldSlot[]): (fields: readonly string[]) => boolean {
  const tests = slots.map((slot) =>
    slot.kind === 'field' && slot.condition !== undefined
      ? compileExpression(slot.condition, (c: Comparison) => compileComparison(c, true))
      : undefined,
  );
  return (fields) => {
    const failed = new Set<number>();
    const match = (slot: number, field: number): boolean => {
      if (slot === slots.length) return field === fields.length;
      const key = slot * (fields.length + 1) + field;
      if (failed.has(key)) return false;
      let ok: boolean;
      if (slots[slot]!.kind === 'ellipsis') {
        ok = false;
        for (let next = field; next <= fields.length && !ok; next++) ok = match(slot + 1, next);
      } else {
        const test = tests[slot];
        ok =
          field < fields.length &&
          (test === undefined || test(fields[field]!)) &&
          match(slot + 1, field + 1);
      }
      if (!ok) failed.add(key);
      return ok;
    };
    return match(0, 0);
  };
}
