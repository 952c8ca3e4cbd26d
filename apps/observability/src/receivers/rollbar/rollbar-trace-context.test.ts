import { describe, expect, it } from 'vitest';
import type { RollbarData } from './rollbar-item-schema.js';
import { parseAnyTraceId, rollbarTraceContext } from './rollbar-trace-context.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const SPAN = 'b7ad6b7169203331';

function data(extra: Record<string, unknown>): RollbarData {
  return { environment: 'test', body: { message: { body: 'x' } }, ...extra } as RollbarData;
}

const hex = (context: ReturnType<typeof rollbarTraceContext>) => ({
  traceId: context.traceId?.toString(16).padStart(32, '0') ?? null,
  spanId: context.spanId?.toString(16).padStart(16, '0') ?? null,
});

describe('rollbarTraceContext', () => {
  it('reads the ids rollbar.js puts in data.attributes', () => {
    const attributes = [
      { key: 'session_id', value: 's1' },
      { key: 'span_id', value: SPAN },
      { key: 'trace_id', value: TRACE },
    ];
    expect(hex(rollbarTraceContext(data({ attributes })))).toEqual({
      traceId: TRACE,
      spanId: SPAN,
    });
  });

  it.each([
    [{ custom: { trace_id: TRACE, span_id: SPAN } }],
    [{ custom: { traceId: TRACE.toUpperCase(), spanId: SPAN } }],
    [{ custom: { 'trace.id': TRACE, 'span.id': SPAN } }],
    [{ custom: { traceparent: `00-${TRACE}-${SPAN}-01` } }],
    [{ trace_id: TRACE, span_id: SPAN }],
  ])('reads ids a reporter put in custom or on data: %j', (extra) => {
    expect(hex(rollbarTraceContext(data(extra)))).toEqual({ traceId: TRACE, spanId: SPAN });
  });

  it('ignores ids that do not parse, and the all-zero id', () => {
    const context = rollbarTraceContext(
      data({
        custom: { trace_id: 'not-a-trace', span_id: '0000000000000000' },
        trace_id: '0'.repeat(32),
      }),
    );
    expect(context).toEqual({ traceId: null, spanId: null });
  });

  it('is empty when the reporter attached no trace', () => {
    expect(rollbarTraceContext(data({}))).toEqual({ traceId: null, spanId: null });
  });
});

describe('parseAnyTraceId', () => {
  it('reads X-Ray ids and widens 64-bit ids', () => {
    expect(parseAnyTraceId('1-5759e988-bd862e3fe1be46a994272793')?.toString(16)).toBe(
      '5759e988bd862e3fe1be46a994272793',
    );
    expect(parseAnyTraceId('00f067aa0ba902b7')?.toString(16)).toBe('f067aa0ba902b7');
  });
});
