import {
  type Attributes,
  type Context,
  ROOT_CONTEXT,
  type Span,
  type SpanContext,
  SpanKind,
  TraceFlags,
  trace,
} from '@opentelemetry/api';
import { AWSXRayIdGenerator } from '@opentelemetry/id-generator-aws-xray';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** Real SDK spans for mapper tests: a provider with the X-Ray id generator, spans kept in memory. */
export function spanRecorder(resource: Attributes = {}) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'cruddur-backend',
      'service.version': '1.2.3',
      'telemetry.sdk.name': 'opentelemetry',
      'telemetry.sdk.language': 'nodejs',
      'telemetry.sdk.version': '2.12.0',
      ...resource,
    }),
    idGenerator: new AWSXRayIdGenerator(),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('test');

  /** Starts and ends one span; `parent` is a span of this recorder or a remote span context. */
  function makeSpan(
    name: string,
    options: {
      kind?: SpanKind;
      attributes?: Attributes;
      parent?: Span | SpanContext;
      edit?: (span: Span) => void;
    } = {},
  ): ReadableSpan {
    const parentContext: Context =
      options.parent === undefined
        ? ROOT_CONTEXT
        : 'spanContext' in options.parent
          ? trace.setSpan(ROOT_CONTEXT, options.parent)
          : trace.setSpanContext(ROOT_CONTEXT, options.parent);
    const span = tracer.startSpan(
      name,
      { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
      parentContext,
    );
    options.edit?.(span);
    span.end();
    return exporter.getFinishedSpans().at(-1)!;
  }

  /** Starts a span left open, to parent others; a root span unless `parent` is given. */
  function openSpan(name: string, kind = SpanKind.SERVER, parent?: Span): Span {
    return tracer.startSpan(
      name,
      { kind },
      parent === undefined ? ROOT_CONTEXT : trace.setSpan(ROOT_CONTEXT, parent),
    );
  }

  return { makeSpan, openSpan, finished: () => exporter.getFinishedSpans() };
}

/** A caller's span, as `traceparent` or `X-Amzn-Trace-Id` would bring it in. */
export function remoteParent(traceId = '5759e988bd862e3fe1be46a994272793'): SpanContext {
  return { traceId, spanId: '53995c3f42cd8ad8', traceFlags: TraceFlags.SAMPLED, isRemote: true };
}
