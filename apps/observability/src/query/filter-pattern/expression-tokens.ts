import { FilterPatternSyntaxError } from './filter-pattern-ast.js';

export type Token =
  | { readonly kind: 'punct'; readonly text: string }
  | { readonly kind: 'op'; readonly text: '=' | '!=' | '<' | '<=' | '>' | '>=' }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'regex'; readonly text: string }
  | { readonly kind: 'selector'; readonly text: string }
  | { readonly kind: 'word'; readonly text: string };

const PUNCT = ['&&', '||', '...', '{', '}', '[', ']', '(', ')', ','];
const OPS = ['!=', '<=', '>=', '=', '<', '>'] as const;
/** Characters that end a bare word or a selector. */
const WORD_END = /[\s{}()[\],=!<>&|"%]/;
const SELECTOR_END = /[\s{}(),=!<>&|"%]/;

/** Splits the inside of a JSON or space-delimited pattern into tokens. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const punct = PUNCT.find((p) => source.startsWith(p, i));
    if (punct !== undefined) {
      tokens.push({ kind: 'punct', text: punct });
      i += punct.length;
      continue;
    }
    const op = OPS.find((o) => source.startsWith(o, i));
    if (op !== undefined) {
      tokens.push({ kind: 'op', text: op });
      i += op.length;
      continue;
    }
    if (c === '"') {
      const { text, next } = readQuoted(source, i);
      tokens.push({ kind: 'string', text });
      i = next;
      continue;
    }
    if (c === '%') {
      const close = source.indexOf('%', i + 1);
      if (close < 0) throw new FilterPatternSyntaxError('unterminated regular expression');
      tokens.push({ kind: 'regex', text: source.slice(i + 1, close) });
      i = close + 1;
      continue;
    }
    const end = c === '$' ? SELECTOR_END : WORD_END;
    let j = i + 1;
    while (j < source.length && !end.test(source[j]!)) j++;
    tokens.push({ kind: c === '$' ? 'selector' : 'word', text: source.slice(i, j) });
    i = j;
  }
  return tokens;
}

/** Reads a double-quoted string at `start`; `\"` and `\\` are escapes. */
export function readQuoted(source: string, start: number): { text: string; next: number } {
  let text = '';
  let i = start + 1;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\' && i + 1 < source.length) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    if (c === '"') return { text, next: i + 1 };
    text += c;
    i++;
  }
  throw new FilterPatternSyntaxError('unterminated quoted string');
}
