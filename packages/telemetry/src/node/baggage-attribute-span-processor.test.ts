import { context, propagation } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it } from 'vitest';
import { BaggageAttributeSpanProcessor } from './baggage-attribute-span-processor.js';

describe('BaggageAttributeSpanProcessor', () => {
  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  afterAll(() => context.disable());

  it('copies the listed baggage entries onto spans started under them, and nothing else', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [
        new BaggageAttributeSpanProcessor(['app.user_handle']),
        new SimpleSpanProcessor(exporter),
      ],
    });
    const tracer = provider.getTracer('test');
    const baggage = propagation.createBaggage({
      'app.user_handle': { value: 'worf' },
      secret: { value: 'x' },
    });
    context.with(propagation.setBaggage(context.active(), baggage), () =>
      tracer.startSpan('inside').end(),
    );
    tracer.startSpan('outside').end();
    context.with(propagation.setBaggage(context.active(), baggage), () =>
      tracer.startSpan('explicit', { attributes: { 'app.user_handle': 'garek' } }).end(),
    );
    const [inside, outside, explicit] = exporter.getFinishedSpans();
    expect(inside?.attributes).toEqual({ 'app.user_handle': 'worf' });
    expect(outside?.attributes).toEqual({});
    expect(explicit?.attributes).toEqual({ 'app.user_handle': 'garek' });
  });
});
