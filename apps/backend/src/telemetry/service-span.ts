import { type Span, SpanStatusCode } from '@opentelemetry/api';
import { ValidationError } from '../shared/app-errors.js';
import { tracer } from './tracer.js';
import { USER_HANDLE_KEY } from './user-baggage.js';

export interface ServiceSpanInput {
  /** The use case, kebab-case, as the original's `services/` files: `home-activities`. */
  name: string;
  userHandle: string | undefined;
  now: Date;
}

/** Items a service returned: a list's length, one for a single object. */
function resultLength(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  return result === undefined || result === null ? 0 : 1;
}

/**
 * Runs one service (use case) in its own span with the attributes every service span carries:
 * `app.now`, `app.user_handle`, `app.result_length`. Validation failures set ERROR status and
 * `app.error_codes`, so they can be queried without reading response bodies.
 */
export function withServiceSpan<T>(
  input: ServiceSpanInput,
  run: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(
    input.name,
    {
      attributes: {
        'app.now': input.now.toISOString(),
        ...(input.userHandle === undefined ? {} : { [USER_HANDLE_KEY]: input.userHandle }),
      },
    },
    async (span) => {
      try {
        const result = await run(span);
        span.setAttribute('app.result_length', resultLength(result));
        return result;
      } catch (error) {
        if (error instanceof ValidationError) {
          span.setAttribute('app.error_codes', [...error.codes]);
          span.setStatus({ code: SpanStatusCode.ERROR, message: error.codes.join(',') });
        } else {
          const message = error instanceof Error ? error.message : String(error);
          span.setStatus({ code: SpanStatusCode.ERROR, message });
          if (error instanceof Error && !('status' in error)) span.recordException(error);
        }
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
