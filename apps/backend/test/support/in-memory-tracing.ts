import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/**
 * A real OTel SDK registered globally for one test file (each file runs in its own worker), so
 * the app's `@opentelemetry/api` calls land in memory. Exports synchronously on span end, so a
 * finished HTTP response means its spans are here.
 */
export function registerInMemoryTracing() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());

  return {
    spans: (): ReadableSpan[] => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    findSpan(name: string): ReadableSpan {
      const span = exporter.getFinishedSpans().find((candidate) => candidate.name === name);
      if (span === undefined) {
        const names = exporter.getFinishedSpans().map((candidate) => candidate.name);
        throw new Error(`no span named ${name}; have: ${names.join(', ')}`);
      }
      return span;
    },
    childrenOf(parent: ReadableSpan): ReadableSpan[] {
      return exporter
        .getFinishedSpans()
        .filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);
    },
  };
}

export type InMemoryTracing = ReturnType<typeof registerInMemoryTracing>;
