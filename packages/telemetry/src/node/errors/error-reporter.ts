import { hostname } from 'node:os';
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import Rollbar from 'rollbar';
import type { ErrorsConfig } from './errors-config.js';
import { SCRUB_FIELDS, SCRUB_HEADERS } from './scrub-fields.js';

/** The parts of an HTTP request an error report carries (an Express `Request` fits). */
export interface ReportedRequest {
  headers: Record<string, string | string[] | undefined>;
  method: string;
  /** Path and query, e.g. `req.originalUrl`. */
  url: string;
  protocol?: string;
  body?: unknown;
  ip?: string | undefined;
  route?: { path?: unknown } | undefined;
}

export interface ErrorContext {
  request?: ReportedRequest;
  /** Who was affected; Rollbar indexes occurrences by `id`. */
  person?: { id: string; username?: string };
  /** Defaults to the active span's ids. */
  traceId?: string;
  spanId?: string;
  /** More fields for `data.custom`. */
  custom?: Record<string, unknown>;
}

export type ReportLevel = 'critical' | 'error' | 'warning' | 'info' | 'debug';

/** Reports errors and messages to Rollbar (or the local server); never throws, never waits. */
export interface ErrorReporter {
  readonly enabled: boolean;
  error(error: unknown, context?: ErrorContext): void;
  message(level: ReportLevel, text: string, context?: ErrorContext): void;
  /** Resolves once reports in flight were answered, or after `timeoutMs` (default 5 s). */
  flush(timeoutMs?: number): Promise<void>;
  stats(): { reported: number; failed: number; lastError: string | undefined };
}

/** What tests and processes without error reporting use. */
export const disabledErrorReporter: ErrorReporter = {
  enabled: false,
  error: () => undefined,
  message: () => undefined,
  flush: () => Promise.resolve(),
  stats: () => ({ reported: 0, failed: 0, lastError: undefined }),
};

const DEFAULT_FLUSH_TIMEOUT_MS = 5_000;

/**
 * A Rollbar notifier configured from `ErrorsConfig`: scrubbing passwords, tokens, cookies and
 * credential headers before anything leaves the process, the person as `data.person`, and the
 * trace as `trace_id`/`span_id` in `data.custom`, so an occurrence links to its trace.
 *
 * @example
 * const errors = createErrorReporter(errorsConfig(env, '1.0.0'));
 * errors.error(new Error('boom'), { request: req, person: { id: 'andrewbrown' } });
 * errors.message('warning', 'Hello World!');
 */
export function createErrorReporter(config: ErrorsConfig): ErrorReporter {
  const rollbar = new Rollbar({
    accessToken: config.accessToken,
    endpoint: config.endpoint,
    environment: config.environment,
    ...(config.codeVersion === undefined ? {} : { codeVersion: config.codeVersion }),
    host: hostname(),
    // The app answers process-level failures itself; the SDK only reports what it is handed.
    captureUncaught: false,
    captureUnhandledRejections: false,
    autoInstrument: false,
    captureUsername: true,
    captureEmail: false,
    scrubFields: [...SCRUB_FIELDS],
    scrubHeaders: [...SCRUB_HEADERS],
    scrubRequestBody: true,
  });
  const counts = { reported: 0, failed: 0, lastError: undefined as string | undefined };
  const done = (error: Error | null | undefined) => {
    if (error) {
      counts.failed += 1;
      counts.lastError = error.message;
    } else counts.reported += 1;
  };

  const send = (level: ReportLevel, subject: Error | string, ctx: ErrorContext | undefined) => {
    try {
      const args: Rollbar.LogArgument[] = [subject];
      if (ctx?.request !== undefined) args.push(requestFor(ctx.request, ctx.person));
      args.push(customFor(ctx), done);
      // The report's own HTTP request must not show up as a span of the failed request's trace.
      context.with(suppressTracing(context.active()), () => {
        rollbar[level](...args);
      });
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
  };

  return {
    enabled: true,
    error(error, ctx) {
      send('error', error instanceof Error ? error : new Error(String(error)), ctx);
    },
    message(level, text, ctx) {
      send(level, text, ctx);
    },
    flush(timeoutMs = DEFAULT_FLUSH_TIMEOUT_MS) {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        try {
          rollbar.wait(() => {
            clearTimeout(timer);
            resolve();
          });
        } catch {
          clearTimeout(timer);
          resolve();
        }
      });
    },
    stats: () => ({ ...counts }),
  };
}

/** A plain copy, so the SDK neither mutates the app's request nor sees more of it than this. */
function requestFor(request: ReportedRequest, person: ErrorContext['person']) {
  return {
    headers: { ...request.headers },
    method: request.method,
    url: request.url,
    protocol: request.protocol ?? 'http',
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(request.ip === undefined ? {} : { ip: request.ip }),
    ...(request.route === undefined ? {} : { route: request.route }),
    ...(person === undefined ? {} : { rollbar_person: { ...person } }),
  };
}

function customFor(ctx: ErrorContext | undefined): Record<string, unknown> {
  const active = trace.getSpanContext(context.active());
  const fromSpan = active !== undefined && isSpanContextValid(active) ? active : undefined;
  const traceId = ctx?.traceId ?? fromSpan?.traceId;
  const spanId = ctx?.spanId ?? (ctx?.traceId === undefined ? fromSpan?.spanId : undefined);
  const custom: Record<string, unknown> = { ...ctx?.custom };
  if (traceId !== undefined) custom.trace_id = traceId;
  if (spanId !== undefined) custom.span_id = spanId;
  // Without a request there is nowhere else for the person to go.
  if (ctx?.request === undefined && ctx?.person !== undefined) custom.person = { ...ctx.person };
  return custom;
}
