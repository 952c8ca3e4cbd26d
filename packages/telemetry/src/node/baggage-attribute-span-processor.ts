import { type Context, propagation } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * Copies chosen baggage entries onto every span as it starts, so spans made by instrumentation
 * (HTTP client, pg, …) carry the same app attributes as the app's own, e.g. `app.user_handle`.
 */
export class BaggageAttributeSpanProcessor implements SpanProcessor {
  constructor(private readonly keys: readonly string[]) {}

  onStart(span: Span, parentContext: Context): void {
    const baggage = propagation.getBaggage(parentContext);
    if (baggage === undefined) return;
    for (const key of this.keys) {
      // An attribute the span was started with is more specific than the ambient baggage.
      if (span.attributes[key] !== undefined) continue;
      const entry = baggage.getEntry(key);
      if (entry !== undefined) span.setAttribute(key, entry.value);
    }
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
