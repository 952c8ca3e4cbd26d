import { readQuoted, tokenize } from './expression-tokens.js';
import { type FilterPattern, FilterPatternSyntaxError } from './filter-pattern-ast.js';
import { compileRegex, parseFieldSlots, parseJsonExpression } from './parse-expression.js';

/**
 * Parses a FilterLogEvents filter pattern: empty (everything), terms (`ERROR "two words"
 * -excluded ?either ?or`), a regular expression (`%…%`), a JSON pattern (`{ $.level = "error" }`)
 * or a space-delimited pattern (`[ip, user, ..., status = 5*]`).
 */
export function parseFilterPattern(source: string | undefined): FilterPattern {
  const text = (source ?? '').trim();
  if (text === '') return { kind: 'all' };
  if (text.startsWith('{')) {
    if (!text.endsWith('}')) throw new FilterPatternSyntaxError('a JSON pattern must end with }');
    return { kind: 'json', expression: parseJsonExpression(tokenize(text.slice(1, -1))) };
  }
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) {
      throw new FilterPatternSyntaxError('a space-delimited pattern must end with ]');
    }
    return { kind: 'fields', slots: parseFieldSlots(tokenize(text.slice(1, -1))) };
  }
  if (text.length > 1 && text.startsWith('%') && text.endsWith('%')) {
    return { kind: 'regex', regex: compileRegex(text.slice(1, -1)) };
  }
  return parseTerms(text);
}

function parseTerms(text: string): FilterPattern {
  const required: string[] = [];
  const excluded: string[] = [];
  const anyOf: string[] = [];
  let i = 0;
  const skipSpace = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  for (skipSpace(); i < text.length; skipSpace()) {
    let into = required;
    if (text[i] === '?' || text[i] === '-') {
      into = text[i] === '?' ? anyOf : excluded;
      i++;
      // `"ERROR" - "Exiting"`: the sign may stand apart from its term.
      skipSpace();
    }
    let term: string;
    if (text[i] === '"') {
      const quoted = readQuoted(text, i);
      term = quoted.text;
      i = quoted.next;
    } else {
      const start = i;
      while (i < text.length && !/\s/.test(text[i]!)) i++;
      term = text.slice(start, i);
      if (term.includes('"')) throw new FilterPatternSyntaxError(`stray quote in "${term}"`);
    }
    if (term === '') throw new FilterPatternSyntaxError('empty term');
    into.push(term);
  }
  return { kind: 'terms', required, excluded, anyOf };
}
