import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { AWSXRayIdGenerator } from '@opentelemetry/id-generator-aws-xray';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { DocumentLoadInstrumentation } from '@opentelemetry/instrumentation-document-load';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { UserInteractionInstrumentation } from '@opentelemetry/instrumentation-user-interaction';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  type SpanExporter,
  WebTracerProvider,
} from '@opentelemetry/sdk-trace-web';
import { flushOnPageHide } from './flush-on-page-hide.js';
import { propagateToOrigins } from './propagate-to-origins.js';
import { UserIdSpanProcessor } from './user-id-span-processor.js';

export interface BrowserTelemetryOptions {
  /** `service.name` of every span, e.g. `cruddur-frontend`. */
  readonly serviceName: string;
  /** The full OTLP/HTTP traces URL, e.g. `http://localhost:4318/v1/traces`. */
  readonly tracesUrl: string;
  /**
   * An ingest-only key, sent as `x-honeycomb-team` (what Honeycomb and the local server read).
   * Never a query key: everything in a bundle is public.
   */
  readonly ingestKey?: string | undefined;
  /** API base URLs that receive `traceparent`; no other origin does. */
  readonly propagateTo: readonly string[];
  /** The current user, read at each span's start for `app.userId`. */
  readonly userId: () => string;
  /** URLs whose fetches are not worth a span (an error reporter's endpoint, say). */
  readonly ignoreUrls?: readonly (string | RegExp)[];
  /** How long spans wait in the batch before export; short so a click shows up at once. */
  readonly scheduledDelayMs?: number;
  /** Replaces the OTLP exporter (tests). */
  readonly exporter?: SpanExporter;
}

export interface BrowserTelemetry {
  /** The trace of the active span, else of the last span started; for error reports. */
  currentTraceId(): string | undefined;
  /** Exports what is pending; never rejects. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Starts browser tracing: document load, fetch (with `traceparent` to the API only, so the
 * browser's fetch span and the API's server span share one trace) and clicks/submits, batched
 * to OTLP/HTTP JSON and flushed when the page is hidden. Call it before the UI attaches its
 * event listeners, or clicks are not traced, and call `fetch` synchronously in the handler (before
 * any `await`) so the request span's parent is the click.
 *
 * @example
 * const telemetry = startBrowserTelemetry({
 *   serviceName: 'cruddur-frontend',
 *   tracesUrl: 'http://localhost:4318/v1/traces',
 *   propagateTo: ['http://localhost:4567'],
 *   userId: () => currentUser.handle,
 * });
 */
export function startBrowserTelemetry(options: BrowserTelemetryOptions): BrowserTelemetry {
  const userIds = new UserIdSpanProcessor(options.userId);
  const exporter =
    options.exporter ??
    new OTLPTraceExporter({
      url: options.tracesUrl,
      headers: options.ingestKey ? { 'x-honeycomb-team': options.ingestKey } : {},
    });
  const provider = new WebTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    // Trace ids that start with the epoch second are X-Ray trace ids too, so the API can hand the
    // browser's trace on to X-Ray unchanged, as it does with its own.
    idGenerator: new AWSXRayIdGenerator(),
    spanProcessors: [
      userIds,
      new BatchSpanProcessor(exporter, {
        scheduledDelayMillis: options.scheduledDelayMs ?? 1000,
        maxQueueSize: 2048,
      }),
    ],
  });
  // The default stack context manager, not zone.js: the app starts each request synchronously
  // inside its event handler, which is all a click needs to parent its fetch, and zone.js would
  // add 18 KB gzip and patch every promise and timer on the page.
  provider.register();

  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new DocumentLoadInstrumentation(),
      new FetchInstrumentation({
        propagateTraceHeaderCorsUrls: propagateToOrigins(options.propagateTo),
        ignoreUrls: [options.tracesUrl, ...(options.ignoreUrls ?? [])],
        clearTimingResources: true,
      }),
      new UserInteractionInstrumentation({ eventNames: ['click', 'submit'] }),
    ],
  });

  const flush = () => provider.forceFlush().catch(() => undefined);
  const stopFlushing = flushOnPageHide(flush);
  return {
    currentTraceId: () => trace.getActiveSpan()?.spanContext().traceId ?? userIds.lastTraceId,
    flush,
    async shutdown() {
      stopFlushing();
      unregister();
      await provider.shutdown().catch(() => undefined);
    },
  };
}
