/** Keywords that hold a boolean fact about a trace (or a service's part of it). */
const BOOLEAN_KEYWORDS = new Set(['ok', 'error', 'fault', 'throttle', 'partial', 'root']);
const NUMBER_KEYWORDS = new Set(['responsetime', 'duration', 'http.status']);
const STRING_KEYWORDS = new Set([
  'http.url',
  'http.method',
  'http.useragent',
  'http.clientip',
  'user',
  'name',
]);
/** X-Ray keywords this server parses but cannot answer: refused, never silently ignored. */
const UNSUPPORTED = new Set([
  'inferred',
  'first',
  'last',
  'remote',
  'index',
  'coverage',
  'type',
  'message',
  'availabilityzone',
  'instance.id',
  'resource.arn',
  'edge',
  'json',
  'id',
  'rootcause',
]);

export type CompareOp =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'CONTAINS'
  | 'BEGINSWITH'
  | 'ENDSWITH';
export type FilterValue = string | number | boolean;

export type FilterExpression =
  | {
      readonly type: 'and' | 'or';
      readonly left: FilterExpression;
      readonly right: FilterExpression;
    }
  | { readonly type: 'not'; readonly operand: FilterExpression }
  | {
      readonly type: 'service';
      readonly name: string | undefined;
      readonly filter: FilterExpression | undefined;
    }
  | { readonly type: 'group'; readonly by: 'name' | 'arn'; readonly value: string }
  | { readonly type: 'flag'; readonly key: string; readonly expected: boolean }
  | {
      readonly type: 'compare';
      readonly key: string;
      readonly op: CompareOp;
      readonly value: FilterValue;
    }
  | {
      readonly type: 'annotation';
      readonly key: string;
      readonly op: CompareOp | undefined;
      readonly value: FilterValue | undefined;
    };

/** The expression cannot be parsed or uses a keyword this server does not evaluate. */
export class FilterExpressionError extends Error {
  override name = 'FilterExpressionError';
}

type Token =
  | { kind: 'word'; text: string; at: number }
  | { kind: 'string'; text: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'op'; text: string; at: number }
  | { kind: 'end'; at: number };

const WORD_OPS = new Set(['CONTAINS', 'BEGINSWITH', 'ENDSWITH']);
export const MAX_FILTER_EXPRESSION_LENGTH = 2_000;
const MAX_NESTING = 32;

/**
 * Parses an X-Ray filter expression: `keyword operator value` terms joined by AND / OR / `!`,
 * parentheses, `service("name") { ... }`, `annotation.key`, `group.name = "..."`.
 */
export function parseFilterExpression(text: string): FilterExpression {
  if (text.length > MAX_FILTER_EXPRESSION_LENGTH) {
    throw new FilterExpressionError(
      `filter expression longer than ${MAX_FILTER_EXPRESSION_LENGTH} characters`,
    );
  }
  const parser = new Parser(tokenize(text));
  const expression = parser.expression(0);
  parser.expectEnd();
  return expression;
}

class Parser {
  #index = 0;
  constructor(private readonly tokens: Token[]) {}

  expression(depth: number): FilterExpression {
    if (depth > MAX_NESTING) throw new FilterExpressionError('filter expression nests too deeply');
    let left = this.#and(depth);
    while (this.#isWord('OR')) {
      this.#index++;
      left = { type: 'or', left, right: this.#and(depth) };
    }
    return left;
  }

  expectEnd(): void {
    const token = this.#peek();
    if (token.kind !== 'end') throw unexpected(token);
  }

  #and(depth: number): FilterExpression {
    let left = this.#unary(depth);
    while (this.#isWord('AND')) {
      this.#index++;
      left = { type: 'and', left, right: this.#unary(depth) };
    }
    return left;
  }

  #unary(depth: number): FilterExpression {
    const token = this.#peek();
    if (token.kind === 'op' && token.text === '!') {
      if (depth > MAX_NESTING)
        throw new FilterExpressionError('filter expression nests too deeply');
      this.#index++;
      return { type: 'not', operand: this.#unary(depth + 1) };
    }
    if (token.kind === 'op' && token.text === '(') {
      this.#index++;
      const inner = this.expression(depth + 1);
      this.#expectOp(')');
      return inner;
    }
    if (token.kind !== 'word') throw unexpected(token);
    this.#index++;
    return this.#term(token.text, depth);
  }

  #term(keyword: string, depth: number): FilterExpression {
    const lower = keyword.toLowerCase();
    if (lower === 'service') return this.#service(depth);
    if (lower === 'group.name' || lower === 'group.arn') {
      this.#expectOp('=');
      return { type: 'group', by: lower === 'group.name' ? 'name' : 'arn', value: this.#string() };
    }
    if (lower.startsWith('annotation.') || lower.startsWith('annotation[')) {
      const key = keyword.replace(/^annotation\./i, '').replace(/^annotation\[(.*)\]$/i, '$1');
      const op = this.#optionalOp();
      return { type: 'annotation', key, op, value: op === undefined ? undefined : this.#value() };
    }
    if (BOOLEAN_KEYWORDS.has(lower)) {
      const op = this.#optionalOp();
      if (op === undefined) return { type: 'flag', key: lower, expected: true };
      if (op !== '=' && op !== '!=') throw new FilterExpressionError(`${keyword} takes = or !=`);
      const value = this.#value();
      if (typeof value !== 'boolean')
        throw new FilterExpressionError(`${keyword} compares with true or false`);
      return { type: 'flag', key: lower, expected: op === '=' ? value : !value };
    }
    if (NUMBER_KEYWORDS.has(lower)) {
      const op = this.#requiredOp(keyword);
      if (WORD_OPS.has(op))
        throw new FilterExpressionError(`${keyword} is a number: use = != < <= > >=`);
      const value = this.#value();
      if (typeof value !== 'number')
        throw new FilterExpressionError(`${keyword} compares with a number`);
      return { type: 'compare', key: lower, op, value };
    }
    if (STRING_KEYWORDS.has(lower)) {
      const op = this.#requiredOp(keyword);
      if (!['=', '!=', ...WORD_OPS].includes(op)) {
        throw new FilterExpressionError(
          `${keyword} is a string: use = != CONTAINS BEGINSWITH ENDSWITH`,
        );
      }
      return { type: 'compare', key: lower, op, value: this.#string() };
    }
    if (UNSUPPORTED.has(lower) || UNSUPPORTED.has(lower.split('.')[0] ?? '')) {
      throw new FilterExpressionError(`keyword ${keyword} is not supported by this server`);
    }
    throw new FilterExpressionError(`unknown keyword ${keyword}`);
  }

  #service(depth: number): FilterExpression {
    this.#expectOp('(');
    let name: string | undefined;
    if (this.#peek().kind === 'string') name = this.#string();
    this.#expectOp(')');
    let filter: FilterExpression | undefined;
    const next = this.#peek();
    if (next.kind === 'op' && next.text === '{') {
      this.#index++;
      filter = this.expression(depth + 1);
      this.#expectOp('}');
    }
    return { type: 'service', name, filter };
  }

  #optionalOp(): CompareOp | undefined {
    const token = this.#peek();
    if (token.kind === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(token.text)) {
      this.#index++;
      return token.text as CompareOp;
    }
    if (token.kind === 'word' && WORD_OPS.has(token.text.toUpperCase())) {
      this.#index++;
      return token.text.toUpperCase() as CompareOp;
    }
    return undefined;
  }

  #requiredOp(keyword: string): CompareOp {
    const op = this.#optionalOp();
    if (op === undefined)
      throw new FilterExpressionError(`${keyword} needs an operator and a value`);
    return op;
  }

  #value(): FilterValue {
    const token = this.#peek();
    this.#index++;
    if (token.kind === 'string') return token.text;
    if (token.kind === 'number') return token.value;
    if (token.kind === 'word' && /^(true|false)$/i.test(token.text))
      return token.text.toLowerCase() === 'true';
    throw unexpected(token);
  }

  #string(): string {
    const token = this.#peek();
    if (token.kind !== 'string')
      throw new FilterExpressionError(`expected a "quoted string" at ${token.at}`);
    this.#index++;
    return token.text;
  }

  #expectOp(text: string): void {
    const token = this.#peek();
    if (token.kind !== 'op' || token.text !== text) {
      throw new FilterExpressionError(`expected ${text} at position ${token.at}`);
    }
    this.#index++;
  }

  #isWord(word: string): boolean {
    const token = this.#peek();
    return token.kind === 'word' && token.text.toUpperCase() === word;
  }

  #peek(): Token {
    return this.tokens[this.#index] ?? { kind: 'end', at: -1 };
  }
}

function unexpected(token: Token): FilterExpressionError {
  if (token.kind === 'end') return new FilterExpressionError('filter expression ends too early');
  const text = token.kind === 'number' ? String(token.value) : token.text;
  return new FilterExpressionError(`unexpected "${text}" at position ${token.at}`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '!=' || two === '<=' || two === '>=') {
      tokens.push({ kind: 'op', text: two, at: i });
      i += 2;
    } else if ('!=<>(){},'.includes(char)) {
      tokens.push({ kind: 'op', text: char, at: i });
      i++;
    } else if (char === '"') {
      const start = i;
      let value = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      if (i >= text.length)
        throw new FilterExpressionError(`unterminated string at position ${start}`);
      i++;
      tokens.push({ kind: 'string', text: value, at: start });
    } else if (/[-0-9.]/.test(char) && /^-?(\d+\.?\d*|\.\d+)/.test(text.slice(i))) {
      const match = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(i))!;
      tokens.push({ kind: 'number', value: Number(match[0]), at: i });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.:[\]-]*/.exec(text.slice(i))!;
      tokens.push({ kind: 'word', text: match[0], at: i });
      i += match[0].length;
    } else {
      throw new FilterExpressionError(`unexpected character "${char}" at position ${i}`);
    }
  }
  return tokens;
}
