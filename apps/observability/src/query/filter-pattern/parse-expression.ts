import type { Token } from './expression-tokens.js';
import {
  type Comparison,
  type Expression,
  type FieldSlot,
  FilterPatternSyntaxError,
  type JsonTest,
  type Literal,
  type SelectorStep,
} from './filter-pattern-ast.js';

/** A cursor over tokens with the grammar's shared pieces. */
class Tokens {
  #at = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.#at + offset];
  }

  next(): Token {
    const token = this.tokens[this.#at++];
    if (token === undefined) throw new FilterPatternSyntaxError('unexpected end of pattern');
    return token;
  }

  isPunct(text: string): boolean {
    const token = this.peek();
    return token?.kind === 'punct' && token.text === text;
  }

  expectPunct(text: string): void {
    const token = this.next();
    if (token.kind !== 'punct' || token.text !== text) {
      throw new FilterPatternSyntaxError(`expected "${text}" but found "${token.text}"`);
    }
  }

  done(): boolean {
    return this.#at >= this.tokens.length;
  }
}

/** `a && b || c`: `&&` binds tighter than `||`; parentheses group. */
function parseOr<T>(tokens: Tokens, primary: (t: Tokens) => T): Expression<T> {
  let left = parseAnd(tokens, primary);
  while (tokens.isPunct('||')) {
    tokens.next();
    left = { kind: 'or', left, right: parseAnd(tokens, primary) };
  }
  return left;
}

function parseAnd<T>(tokens: Tokens, primary: (t: Tokens) => T): Expression<T> {
  let left = parseUnit(tokens, primary);
  while (tokens.isPunct('&&')) {
    tokens.next();
    left = { kind: 'and', left, right: parseUnit(tokens, primary) };
  }
  return left;
}

function parseUnit<T>(tokens: Tokens, primary: (t: Tokens) => T): Expression<T> {
  if (tokens.isPunct('(')) {
    tokens.next();
    const inner = parseOr(tokens, primary);
    tokens.expectPunct(')');
    return inner;
  }
  return { kind: 'test', test: primary(tokens) };
}

/** The inside of `{ … }`: selector comparisons and checks joined with `&&` / `||`. */
export function parseJsonExpression(tokens: readonly Token[]): Expression<JsonTest> {
  const cursor = new Tokens(tokens);
  const expression = parseOr(cursor, parseJsonTest);
  if (!cursor.done()) throw new FilterPatternSyntaxError(`unexpected "${cursor.next().text}"`);
  return expression;
}

function parseJsonTest(tokens: Tokens): JsonTest {
  const token = tokens.next();
  if (token.kind !== 'selector') {
    throw new FilterPatternSyntaxError(
      `expected a selector starting with $ but found "${token.text}"`,
    );
  }
  const selector = parseSelector(token.text);
  const after = tokens.peek();
  if (after?.kind === 'word' && /^(IS|NOT)$/i.test(after.text)) {
    tokens.next();
    const words = `${after.text} ${tokens.next().text}`.toUpperCase();
    const check = (
      {
        'IS NULL': 'null',
        'IS TRUE': 'true',
        'IS FALSE': 'false',
        'NOT EXISTS': 'notExists',
      } as const
    )[words as 'IS NULL'];
    if (check === undefined) throw new FilterPatternSyntaxError(`unknown check "${words}"`);
    return { kind: 'is', selector, check };
  }
  return { ...parseComparison(tokens), selector };
}

function parseComparison(tokens: Tokens): Comparison {
  const op = tokens.next();
  if (op.kind !== 'op')
    throw new FilterPatternSyntaxError(`expected an operator but found "${op.text}"`);
  const literal = parseLiteral(tokens.next());
  if (literal.kind !== 'number' && op.text !== '=' && op.text !== '!=') {
    throw new FilterPatternSyntaxError(`"${op.text}" compares numbers only`);
  }
  return { kind: 'compare', op: op.text, literal };
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function parseLiteral(token: Token): Literal {
  if (token.kind === 'string') return { kind: 'text', text: token.text };
  if (token.kind === 'regex') return { kind: 'regex', regex: compileRegex(token.text) };
  if (token.kind === 'word') {
    if (NUMBER.test(token.text)) {
      return { kind: 'number', value: Number(token.text), text: token.text };
    }
    return { kind: 'text', text: token.text };
  }
  throw new FilterPatternSyntaxError(`expected a value but found "${token.text}"`);
}

export function compileRegex(source: string): RegExp {
  if (source === '') throw new FilterPatternSyntaxError('empty regular expression');
  try {
    return new RegExp(source);
  } catch {
    throw new FilterPatternSyntaxError(`bad regular expression %${source}%`);
  }
}

/** `$.a.b[0]["c d"]` → ['a', 'b', 0, 'c d']. */
function parseSelector(text: string): SelectorStep[] {
  const steps: SelectorStep[] = [];
  let i = 1;
  while (i < text.length) {
    const rest = text.slice(i);
    const member = /^\.([^.[\]]+)/.exec(rest);
    const index = /^\[(\d{1,9})\]/.exec(rest);
    if (member) steps.push(member[1]!);
    else if (index) steps.push(Number(index[1]));
    else throw new FilterPatternSyntaxError(`bad selector "${text}"`);
    i += (member ?? index)![0].length;
  }
  if (steps.length === 0) throw new FilterPatternSyntaxError(`bad selector "${text}"`);
  return steps;
}

/** The inside of `[ … ]`: comma-separated fields, `...`, and conditions on a field. */
export function parseFieldSlots(tokens: readonly Token[]): FieldSlot[] {
  const cursor = new Tokens(tokens);
  const slots: FieldSlot[] = [];
  while (!cursor.done()) {
    if (cursor.isPunct('...')) {
      cursor.next();
      slots.push({ kind: 'ellipsis' });
    } else {
      slots.push(parseFieldSlot(cursor));
    }
    if (cursor.done()) break;
    cursor.expectPunct(',');
    if (cursor.done()) throw new FilterPatternSyntaxError('a field is missing after ","');
  }
  if (slots.length === 0) throw new FilterPatternSyntaxError('no fields between [ and ]');
  return slots;
}

function parseFieldSlot(tokens: Tokens): FieldSlot {
  const first = tokens.peek();
  if (first?.kind !== 'word' && !(first?.kind === 'punct' && first.text === '(')) {
    throw new FilterPatternSyntaxError(`expected a field name but found "${first?.text ?? 'end'}"`);
  }
  const names = new Set<string>();
  const next = (t: Tokens): Comparison => {
    const name = t.next();
    if (name.kind !== 'word')
      throw new FilterPatternSyntaxError(`expected a field name but found "${name.text}"`);
    names.add(name.text);
    return parseComparison(t);
  };
  // A bare name (no operator follows) binds the field without a condition.
  if (first.kind === 'word' && tokens.peek(1)?.kind !== 'op') {
    tokens.next();
    return { kind: 'field', name: first.text, condition: undefined };
  }
  const condition = parseOr(tokens, next);
  if (names.size !== 1) {
    throw new FilterPatternSyntaxError('conditions in one field must all name that field');
  }
  return { kind: 'field', name: [...names][0]!, condition };
}
