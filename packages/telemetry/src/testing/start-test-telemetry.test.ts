import { context, propagation, trace } from '@opentelemetry/api';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestTelemetry } from './start-test-telemetry.js';

const telemetry = startTestTelemetry({ serviceName: 'under-test' });
afterAll(() => telemetry.shutdown());
beforeEach(() => telemetry.reset());

describe('startTestTelemetry', () => {
  it('keeps ended spans in memory with their parent links across awaits', async () => {
    const tracer = trace.getTracer('feature');
    await tracer.startActiveSpan('parent', async (parent) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      tracer.startSpan('child').end();
      parent.end();
    });
    const parent = telemetry.findSpan('parent');
    expect(telemetry.childrenOf(parent).map((s) => s.name)).toEqual(['child']);
    expect(parent.resource.attributes['service.name']).toBe('under-test');
    expect(telemetry.spans('child')).toHaveLength(1);
  });

  it('registers W3C propagation and forgets spans on reset', () => {
    const span = trace.getTracer('feature').startSpan('outbound');
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(context.active(), span), carrier);
    span.end();
    expect(carrier.traceparent).toContain(span.spanContext().traceId);
    telemetry.reset();
    expect(telemetry.spans()).toEqual([]);
  });

  it('names the spans it saw when findSpan misses', () => {
    trace.getTracer('feature').startSpan('present').end();
    expect(() => telemetry.findSpan(/absent/)).toThrow(
      /No span named \/absent\/; ended spans: present/,
    );
  });
});
