import { context, propagation, type Tracer, trace } from '@opentelemetry/api';
import { type Instrumentation, registerInstrumentations } from '@opentelemetry/instrumentation';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface TestTelemetryOptions {
  serviceName?: string;
  /** Instrumentations to enable for the test (none by default: manual spans only). */
  instrumentations?: Instrumentation[];
}

/** In-memory tracing for tests: every ended span, synchronously, no network. */
export interface TestTelemetry {
  readonly exporter: InMemorySpanExporter;
  readonly tracer: Tracer;
  /** Every span ended so far, in the order they ended; `name` filters by exact name. */
  spans(name?: string): ReadableSpan[];
  /** The first ended span with that name; throws listing the names seen when there is none. */
  findSpan(name: string | RegExp): ReadableSpan;
  /** The ended spans whose parent is `span`. */
  childrenOf(span: ReadableSpan): ReadableSpan[];
  /** Forgets the spans ended so far (e.g. in `beforeEach`). */
  reset(): void;
  /** Unregisters the provider, context manager, propagators and instrumentations. */
  shutdown(): Promise<void>;
}

/**
 * Registers a global tracer provider with an AsyncLocalStorage context manager and W3C
 * propagators that keeps spans in memory, so a test can assert the span tree its code made.
 *
 * @example
 * const telemetry = startTestTelemetry();
 * afterAll(() => telemetry.shutdown());
 * await request(app).get('/api/activities/home');
 * expect(telemetry.findSpan('activities.home').attributes['app.result_length']).toBe(3);
 */
export function startTestTelemetry(options: TestTelemetryOptions = {}): TestTelemetry {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName ?? 'test' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  provider.register();
  const instrumentations = options.instrumentations ?? [];
  const unregister = registerInstrumentations({ instrumentations, tracerProvider: provider });

  const spans = (name?: string): ReadableSpan[] =>
    exporter.getFinishedSpans().filter((span) => name === undefined || span.name === name);

  return {
    exporter,
    tracer: trace.getTracer('test'),
    spans,
    findSpan(name) {
      const all = spans();
      const found = all.find((span) =>
        typeof name === 'string' ? span.name === name : name.test(span.name),
      );
      if (found === undefined) {
        throw new Error(
          `No span named ${String(name)}; ended spans: ${all.map((s) => s.name).join(', ') || '(none)'}`,
        );
      }
      return found;
    },
    childrenOf(parent) {
      const { traceId, spanId } = parent.spanContext();
      return spans().filter(
        (span) =>
          span.spanContext().traceId === traceId && span.parentSpanContext?.spanId === spanId,
      );
    },
    reset() {
      exporter.reset();
    },
    async shutdown() {
      unregister();
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
