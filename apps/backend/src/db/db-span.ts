import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { tracer } from '../telemetry/tracer.js';
import { currentUserHandle } from '../telemetry/user-baggage.js';
import { sanitizeSql } from './sanitize-sql.js';

/** First keyword of the statement, upper-cased, as the `pg` instrumentation names its spans. */
export function sqlOperationName(sql: string): string {
  const match = /^\s*([A-Za-z]+)/.exec(sql);
  return match?.[1]?.toUpperCase() ?? 'UNKNOWN';
}

/** What a statement's span says about it; the same for every run of the same text. */
interface StatementFields {
  operation: string;
  sanitized: string;
}

/**
 * Repository SQL is a few dozen fixed texts run again and again: sanitizing each run was a
 * regular-expression pass per query, so each text is described once. Bounded, because migrations,
 * seeds or a caller building SQL could bring any number of texts; past the bound it starts over.
 */
const MAX_CACHED_STATEMENTS = 256;
const statementCache = new Map<string, StatementFields>();

export function statementFields(sql: string): StatementFields {
  const cached = statementCache.get(sql);
  if (cached !== undefined) return cached;
  const fields = { operation: sqlOperationName(sql), sanitized: sanitizeSql(sql) };
  if (statementCache.size >= MAX_CACHED_STATEMENTS) statementCache.clear();
  statementCache.set(sql, fields);
  return fields;
}

/**
 * Runs one query in a CLIENT span with the database semantic conventions, named like
 * `@opentelemetry/instrumentation-pg` names its spans (`pg.query:SELECT postgres`) so traces
 * from PGlite and from a real PostgreSQL read the same.
 */
export function withDbSpan<T>(
  databaseName: string,
  sql: string,
  run: () => Promise<T>,
): Promise<T> {
  const { operation, sanitized } = statementFields(sql);
  const userHandle = currentUserHandle();
  return tracer.startActiveSpan(
    `pg.query:${operation} ${databaseName}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        // Both the pre-1.26 and the stable key: backends still query either.
        'db.system': 'postgresql',
        'db.system.name': 'postgresql',
        'db.namespace': databaseName,
        'db.operation.name': operation,
        'db.query.text': sanitized,
        ...(userHandle === undefined ? {} : { 'app.user_handle': userHandle }),
      },
    },
    async (span) => {
      try {
        return await run();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        span.setStatus({ code: SpanStatusCode.ERROR, message });
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'string') span.setAttribute('db.response.status_code', code);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
