import { describe, expect, it } from 'vitest';
import { FilterPatternSyntaxError } from './filter-pattern-ast.js';
import { compileFilterPattern, splitFields } from './match-filter-pattern.js';
import { parseFilterPattern } from './parse-filter-pattern.js';

const MESSAGES = {
  error: '[ERROR] Failed to process order 42: Exception in thread main',
  exiting: 'ERROR Exiting after shutdown',
  warn: 'WARN disk almost full',
  info: 'INFO all good',
  lower: 'error: lower case only',
  jsonError:
    '{"level":"error","latency":750,"user":{"id":7,"roles":["admin","dev"]},"ok":false,"note":null}',
  jsonInfo: '{"level":"info","latency":12.5,"user":{"id":8,"roles":[]},"ok":true,"ip":"10.0.0.7"}',
  jsonSci: '{"level":"debug","latency":0.002,"code":"500","ip":"123.123.4.5"}',
  apache200: '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 200 1534',
  apache503: '10.1.1.9 - alice [10/Oct/2000:13:25:16 -0700] "POST /api/orders HTTP/1.1" 503 12',
  apache404: '10.1.1.9 - bob [10/Oct/2000:13:25:17 -0700] "GET /missing.png HTTP/1.1" 404 0',
} as const;
type Name = keyof typeof MESSAGES;

/** Each pattern with exactly the messages it must match; every other message must not match. */
const TABLE: ReadonlyArray<readonly [pattern: string, matches: readonly Name[]]> = [
  ['', Object.keys(MESSAGES) as Name[]],
  ['ERROR', ['error', 'exiting']],
  ['ERROR Exception', ['error']],
  ['"Failed to process"', ['error']],
  ['"[ERROR]"', ['error']],
  ['ERROR -Exiting', ['error']],
  ['"ERROR" - "Exiting"', ['error']],
  ['?ERROR ?WARN', ['error', 'exiting', 'warn']],
  ['?WARN ?INFO', ['warn', 'info']],
  ['error', ['lower', 'jsonError']],
  ['%ERR(OR)?%', ['error', 'exiting']],
  ['%^(WARN|INFO) %', ['warn', 'info']],
  ['{ $.level = "error" }', ['jsonError']],
  ['{ $.level = error }', ['jsonError']],
  ['{ $.level != "error" }', ['jsonInfo', 'jsonSci']],
  ['{ $.level = "err*" }', ['jsonError']],
  ['{ $.level = "*o" }', ['jsonInfo']],
  ['{ $.latency >= 500 }', ['jsonError']],
  ['{ $.latency < 100 }', ['jsonInfo', 'jsonSci']],
  ['{ $.latency < 10e-3 }', ['jsonSci']],
  ['{ $.latency = 12.5 }', ['jsonInfo']],
  ['{ $.code = 500 }', ['jsonSci']],
  ['{ $.code > 400 }', []],
  ['{ $.level = "error" && $.latency > 500 }', ['jsonError']],
  ['{ $.level = "info" || $.latency > 500 }', ['jsonError', 'jsonInfo']],
  ['{ $.level = "debug" || $.level = "info" && $.latency > 100 }', ['jsonSci']],
  ['{ ($.level = "debug" || $.level = "info") && $.latency > 1 }', ['jsonInfo']],
  ['{ $.user.id = 7 }', ['jsonError']],
  ['{ $.user.roles[0] = "admin" }', ['jsonError']],
  ['{ $.user.roles = "admin" }', []],
  ['{ $.user = "*" }', []],
  ['{ $.note IS NULL }', ['jsonError']],
  ['{ $.ok IS TRUE }', ['jsonInfo']],
  ['{ $.ok IS FALSE }', ['jsonError']],
  ['{ $.ip NOT EXISTS }', ['jsonError']],
  ['{ $.ip != 123.123.* }', ['jsonInfo']],
  ['{ $.ip = %^10\\.% }', ['jsonInfo']],
  ['[ip, dash, user, timestamp, request, status, bytes]', ['apache200', 'apache503', 'apache404']],
  ['[ip, dash, user, timestamp, request, status = 5*, bytes]', ['apache503']],
  ['[..., status = 4* || status = 5*, bytes]', ['apache503', 'apache404']],
  ['[ip, ..., bytes > 1000]', ['apache200']],
  ['[ip = 10.1.*, ..., status != 404, bytes]', ['apache503']],
  ['[ip, dash, user = frank, ...]', ['apache200']],
  ['[ip, dash, user, timestamp, request = "*html*", ...]', ['apache200']],
  ['[ip, dash, user, timestamp, request = "GET /missing.png HTTP/1.1", ...]', ['apache404']],
  ['[a, b, c]', ['info']],
  ['[a, b]', []],
  ['[w1 = ERROR || w1 = WARN, ...]', ['error', 'exiting', 'warn']],
];

describe('filter patterns', () => {
  for (const [pattern, expected] of TABLE) {
    it(`${JSON.stringify(pattern)} matches ${expected.join(', ') || 'nothing'}`, () => {
      const matches = compileFilterPattern(parseFilterPattern(pattern));
      const matched = (Object.keys(MESSAGES) as Name[]).filter((name) => matches(MESSAGES[name]));
      expect(matched).toEqual([...expected].sort(byTableOrder));
    });
  }

  it.each([
    '{ $.level = "error"',
    '{ level = "error" }',
    '{ $.latency > "fast" }',
    '{ $.a = }',
    '{ $.a IS MAYBE }',
    '[a, b',
    '[]',
    '[a,]',
    '[a = 1 || b = 2]',
    '"unterminated',
    'bad"quote',
    '%[%',
    '{ $.a = %(% }',
    '{ ($.a = 1 }',
  ])('refuses %j with a syntax error', (pattern) => {
    expect(() => parseFilterPattern(pattern)).toThrow(FilterPatternSyntaxError);
  });

  it('reads quoted and bracketed text as one field', () => {
    expect(splitFields(MESSAGES.apache200)).toEqual([
      '127.0.0.1',
      '-',
      'frank',
      '10/Oct/2000:13:25:15 -0700',
      'GET /index.html HTTP/1.0',
      '200',
      '1534',
    ]);
  });

  it('never treats a non-JSON message as matching a JSON pattern', () => {
    const matches = compileFilterPattern(parseFilterPattern('{ $.level NOT EXISTS }'));
    expect(matches('{"other":1}')).toBe(true);
    expect(matches('level=error')).toBe(false);
    expect(matches('{not json')).toBe(false);
  });
});

function byTableOrder(a: Name, b: Name): number {
  const order = Object.keys(MESSAGES);
  return order.indexOf(a) - order.indexOf(b);
}
