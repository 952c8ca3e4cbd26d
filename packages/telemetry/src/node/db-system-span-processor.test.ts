import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { DbSystemSpanProcessor } from './db-system-span-processor.js';

describe('DbSystemSpanProcessor', () => {
  it('adds db.system from db.system.name and leaves other spans alone', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new DbSystemSpanProcessor(), new SimpleSpanProcessor(exporter)],
    });
    const tracer = provider.getTracer('test');
    tracer.startSpan('pg-pool.connect', { attributes: { 'db.system.name': 'postgresql' } }).end();
    tracer
      .startSpan('set', { attributes: { 'db.system.name': 'postgresql', 'db.system': 'other' } })
      .end();
    tracer.startSpan('plain').end();
    expect(exporter.getFinishedSpans().map((s) => s.attributes['db.system'])).toEqual([
      'postgresql',
      'other',
      undefined,
    ]);
  });
});
