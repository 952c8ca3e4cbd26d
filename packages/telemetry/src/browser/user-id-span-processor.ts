import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-web';

/** The attribute Honeycomb queries group by ("average latency by app.userId"). */
export const USER_ID_ATTRIBUTE = 'app.userId';

/**
 * Stamps every span with the current user when it starts, so browser spans can be grouped by
 * user like the API's, and remembers the last trace started for error reports made outside any
 * span (an uncaught error fires after its click span has ended).
 */
export class UserIdSpanProcessor implements SpanProcessor {
  #lastTraceId: string | undefined;

  constructor(private readonly userId: () => string) {}

  get lastTraceId(): string | undefined {
    return this.#lastTraceId;
  }

  onStart(span: Span, _parentContext: Context): void {
    span.setAttribute(USER_ID_ATTRIBUTE, this.userId());
    this.#lastTraceId = span.spanContext().traceId;
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
