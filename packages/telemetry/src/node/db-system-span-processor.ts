import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * Adds the older `db.system` next to the newer `db.system.name` that current instrumentation
 * (pg, including its pool spans) writes alone, so one query (`db.system = postgresql`) and
 * X-Ray's sql mapping find database spans from every source.
 */
export class DbSystemSpanProcessor implements SpanProcessor {
  onStart(span: Span, _parentContext: Context): void {
    const name = span.attributes['db.system.name'];
    if (name !== undefined && span.attributes['db.system'] === undefined) {
      span.setAttribute('db.system', name);
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
