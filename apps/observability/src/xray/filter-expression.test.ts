import { describe, expect, it } from 'vitest';
import type { SpanView } from '../contract/trace-view.js';
import { type GroupLookup, matchesFilter } from './filter-expression-eval.js';
import { FilterExpressionError, parseFilterExpression } from './filter-expression-parser.js';
import { traceFacts } from './trace-facts.js';

function span(overrides: Partial<SpanView> & { attributes?: Record<string, unknown> }): SpanView {
  return {
    traceId: 'a'.repeat(32),
    spanId: '1'.repeat(16),
    parentSpanId: null,
    name: 'cruddur-backend',
    service: 'cruddur-backend',
    kind: 'server',
    startTimeUnixNano: '1700000000000000000',
    durationMs: 250,
    status: { code: 'unset', message: '' },
    attributes: {},
    resource: {},
    events: [],
    links: [],
    source: 'xray',
    ...overrides,
  };
}

/** Front end (root, 600 ms) → back end (250 ms, HTTP 502, annotated) → database call. */
const trace = traceFacts('1-65535fc0-aaaaaaaaaaaaaaaaaaaaaaaa', [
  span({
    spanId: 'f'.repeat(16),
    service: 'cruddur-frontend',
    name: 'cruddur-frontend',
    durationMs: 600,
    attributes: {
      'url.full': 'http://localhost:3000/messages',
      'http.response.status_code': 502,
      'enduser.id': 'worf',
    },
  }),
  span({
    parentSpanId: 'f'.repeat(16),
    attributes: {
      'http.request.method': 'GET',
      'url.full': 'http://localhost:4567/api/messages',
      'http.response.status_code': 502,
      'aws.xray.fault': true,
      user_handle: 'andrewbrown',
      results: 3,
      cached: false,
      'aws.xray.annotations': ['user_handle', 'results', 'cached'],
    },
  }),
  span({
    spanId: '2'.repeat(16),
    parentSpanId: '1'.repeat(16),
    name: 'cruddur@localhost',
    kind: 'client',
    durationMs: 10,
    attributes: { 'db.system': 'postgresql' },
  }),
]);

const groups: GroupLookup = (by, value) =>
  by === 'name' && value === 'backend'
    ? parseFilterExpression('service("cruddur-backend")')
    : undefined;

describe('filter expressions', () => {
  it.each([
    ['service("cruddur-backend")', true],
    ['service("cruddur-backend") AND service("cruddur-frontend")', true],
    ['service("nope")', false],
    ['service("cruddur-backend") { fault }', true],
    ['service("cruddur-backend") { responsetime < 0.3 }', true],
    ['service("cruddur-frontend") { responsetime < 0.3 }', false],
    ['service() { fault }', true],
    ['fault', true],
    ['fault = false', false],
    ['!fault', false],
    ['error', false],
    ['throttle', false],
    ['ok', false],
    ['partial', false],
    ['http.status = 502', true],
    ['http.status != 502', false],
    ['http.status >= 500 AND http.status < 600', true],
    ['http.status = 200', false],
    ['http.url CONTAINS "/api/messages"', true],
    ['http.url BEGINSWITH "http://localhost:3000"', true],
    ['http.url ENDSWITH "/home"', false],
    ['http.method = "GET"', true],
    ['user = "worf"', true],
    ['user CONTAINS ""', true],
    ['responsetime > 0.5', true],
    ['responsetime > 1', false],
    ['duration >= 0.6', true],
    ['duration < 0.1', false],
    ['annotation.user_handle = "andrewbrown"', true],
    ['annotation.user_handle CONTAINS "brown"', true],
    ['annotation.user_handle', true],
    ['!annotation.user_handle', false],
    ['annotation.missing', false],
    ['annotation.db_system = "postgresql"', true],
    ['annotation.http_response_status_code = 502', true],
    ['annotation.results > 2', true],
    ['annotation.results = 2', false],
    ['annotation.cached = false', true],
    ['group.name = "backend"', true],
    ['group.name = "unknown"', false],
    ['fault OR error', true],
    ['error OR http.status = 200', false],
    ['!(error OR http.status = 200)', true],
    ['(fault AND http.status = 502) OR annotation.missing', true],
    ['FAULT and Http.Status = 502', true],
  ])('%s → %s', (expression, expected) => {
    expect(matchesFilter(parseFilterExpression(expression), trace, groups)).toBe(expected);
  });

  it.each([
    ['', 'ends too early'],
    ['http.status =', 'ends too early'],
    ['http.status = "502"', 'compares with a number'],
    ['http.url > 3', 'is a string'],
    ['http.url = "unterminated', 'unterminated'],
    ['fault AND', 'ends too early'],
    ['(fault', 'expected )'],
    ['service("a") { fault', 'expected }'],
    ['bogus = 1', 'unknown keyword'],
    ['edge("a", "b") { error }', 'not supported'],
    ['fault ; drop table', 'unexpected character'],
    ['fault fault', 'unexpected'],
    [`${'!'.repeat(100)}fault`, 'nests too deeply'],
    ['x'.repeat(2_001), 'longer than'],
  ])('refuses %s', (expression, message) => {
    expect(() => parseFilterExpression(expression)).toThrow(FilterExpressionError);
    expect(() => parseFilterExpression(expression)).toThrow(message);
  });
});
