import type { CompareOp, FilterExpression, FilterValue } from './filter-expression-parser.js';
import type { SpanFacts, TraceFacts } from './trace-facts.js';

/** Resolves `group.name = "x"` / `group.arn = "..."` to that group's own expression. */
export type GroupLookup = (
  by: 'name' | 'arn',
  value: string,
) => FilterExpression | 'all' | undefined;

interface Scope {
  readonly trace: TraceFacts;
  /** The spans the terms look at: the whole trace, or one service's inside `service(...) {}`. */
  readonly spans: readonly SpanFacts[];
  /** Whose response time and root-ness `responsetime` and `root` read. */
  readonly primary: SpanFacts | undefined;
}

/** Whether a trace matches: flags hold when any span in scope has them, as X-Ray's trace flags. */
export function matchesFilter(
  expression: FilterExpression,
  trace: TraceFacts,
  groups: GroupLookup = () => undefined,
): boolean {
  return evaluate(expression, { trace, spans: trace.spans, primary: trace.root }, groups);
}

function evaluate(expression: FilterExpression, scope: Scope, groups: GroupLookup): boolean {
  switch (expression.type) {
    case 'and':
      return evaluate(expression.left, scope, groups) && evaluate(expression.right, scope, groups);
    case 'or':
      return evaluate(expression.left, scope, groups) || evaluate(expression.right, scope, groups);
    case 'not':
      return !evaluate(expression.operand, scope, groups);
    case 'group': {
      const group = groups(expression.by, expression.value);
      if (group === undefined) return false;
      return group === 'all' || evaluate(group, scope, groups);
    }
    case 'service': {
      const spans =
        expression.name === undefined
          ? scope.spans
          : scope.trace.spans.filter((span) => span.service === expression.name);
      if (spans.length === 0) return false;
      if (expression.filter === undefined) return true;
      const primary =
        spans.find((span) => span.isRoot) ??
        spans.find((span) => span.span.kind === 'server') ??
        spans[0];
      return evaluate(expression.filter, { trace: scope.trace, spans, primary }, groups);
    }
    case 'flag':
      return flag(expression.key, scope) === expression.expected;
    case 'compare':
      return compareKeyword(expression.key, expression.op, expression.value, scope);
    case 'annotation':
      return scope.spans.some((span) => {
        const actual =
          span.annotations.get(expression.key) ?? indexedAttribute(span, expression.key);
        if (actual === undefined) return false;
        if (expression.op === undefined || expression.value === undefined) return true;
        return compare(actual, expression.op, expression.value);
      });
  }
}

function flag(key: string, scope: Scope): boolean {
  switch (key) {
    case 'fault':
      return scope.spans.some((s) => s.fault);
    case 'error':
      return scope.spans.some((s) => s.error);
    case 'throttle':
      return scope.spans.some((s) => s.throttle);
    case 'partial':
      return scope.spans.some((s) => s.partial);
    case 'root':
      return scope.primary?.isRoot === true;
    default:
      return scope.spans.every((s) => !s.fault && !s.error && !s.throttle);
  }
}

function compareKeyword(key: string, op: CompareOp, value: FilterValue, scope: Scope): boolean {
  switch (key) {
    case 'responsetime':
      return scope.primary !== undefined && compare(scope.primary.durationS, op, value);
    case 'duration':
      return compare(scope.trace.durationS, op, value);
    default: {
      // A negated operator means "no span has it equal", not "some span differs".
      if (op === '!=') return !compareKeyword(key, '=', value, scope);
      return scope.spans.some((span) => {
        const actual = keywordValue(key, span);
        return actual !== undefined && compare(actual, op, value);
      });
    }
  }
}

function keywordValue(key: string, span: SpanFacts): string | number | undefined {
  switch (key) {
    case 'http.status':
      return span.http.status;
    case 'http.url':
      return span.http.url;
    case 'http.method':
      return span.http.method;
    case 'http.useragent':
      return span.http.userAgent;
    case 'http.clientip':
      return span.http.clientIp;
    case 'user':
      return span.user;
    default:
      return span.service;
  }
}

function compare(actual: string | number | boolean, op: CompareOp, expected: FilterValue): boolean {
  if (typeof actual === 'number' && typeof expected === 'number') {
    switch (op) {
      case '=':
        return actual === expected;
      case '!=':
        return actual !== expected;
      case '<':
        return actual < expected;
      case '<=':
        return actual <= expected;
      case '>':
        return actual > expected;
      case '>=':
        return actual >= expected;
      default:
        return false;
    }
  }
  if (typeof actual === 'string' && typeof expected === 'string') {
    switch (op) {
      case '=':
        return actual === expected;
      case '!=':
        return actual !== expected;
      case 'CONTAINS':
        return actual.includes(expected);
      case 'BEGINSWITH':
        return actual.startsWith(expected);
      case 'ENDSWITH':
        return actual.endsWith(expected);
      default:
        return false;
    }
  }
  if (op === '=') return actual === expected;
  if (op === '!=') return actual !== expected;
  return false;
}

/**
 * A span that came through OTLP names no annotations, yet X-Ray exporters index attributes as
 * annotations with keys cut to `[A-Za-z0-9_]` (`app.user_handle` → `app_user_handle`). So a key
 * no annotation holds matches a scalar attribute with that sanitized key: the same filter finds a
 * span whichever protocol stored it first.
 */
function indexedAttribute(span: SpanFacts, key: string): string | number | boolean | undefined {
  for (const [name, value] of Object.entries(span.span.attributes)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      continue;
    if (name === key || name.replace(/[^A-Za-z0-9_]/g, '_') === key) return value;
  }
  return undefined;
}
