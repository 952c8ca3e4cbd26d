import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const spanId = '00f067aa0ba902b7';
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
});
afterAll(() => {
  context.disable();
});

function capture() {
  const lines: string[] = [];
  return {
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    destination: { write: (line: string) => void lines.push(line) },
  };
}

function inSpan<T>(run: () => T): T {
  const span = trace.wrapSpanContext({ traceId, spanId, traceFlags: 1 });
  return context.with(trace.setSpan(context.active(), span), run);
}

describe('createLogger', () => {
  it('writes one JSON object per record with ISO time, level name, message and base fields', () => {
    const out = capture();
    const logger = createLogger({ destination: out.destination, base: { service: 'api' } });
    logger.info({ handle: 'andrewbrown' }, 'signed in');

    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]).toMatch(/\n$/);
    const [record] = out.records();
    expect(record).toMatchObject({
      level: 'info',
      msg: 'signed in',
      service: 'api',
      handle: 'andrewbrown',
      pid: process.pid,
    });
    expect(new Date(String(record?.time)).toISOString()).toBe(record?.time);
  });

  it('carries the active span as trace_id, span_id and trace_flags', () => {
    const out = capture();
    const logger = createLogger({ destination: out.destination });
    inSpan(() => logger.warn('inside'));
    logger.warn('outside');

    const [inside, outside] = out.records();
    expect(inside).toMatchObject({ trace_id: traceId, span_id: spanId, trace_flags: '01' });
    expect(outside).not.toHaveProperty('trace_id');
    expect(outside).not.toHaveProperty('span_id');
  });

  it('lets a record name another span explicitly, without duplicate keys', () => {
    const out = capture();
    const logger = createLogger({ destination: out.destination });
    const other = { trace_id: 'a'.repeat(32), span_id: 'b'.repeat(16) };
    inSpan(() => logger.info(other, 'about another span'));

    expect(out.lines[0]?.match(/"trace_id"/g)).toHaveLength(1);
    expect(out.records()[0]).toMatchObject(other);
  });

  it('drops records below the level', () => {
    const out = capture();
    const logger = createLogger({ destination: out.destination, level: 'warn' });
    logger.info('quiet');
    logger.error('loud');
    expect(out.records().map((r) => r.msg)).toEqual(['loud']);
  });

  it('hands every sink the same JSON line stdout gets, even when another sink throws', () => {
    const out = capture();
    const received: string[] = [];
    const logger = createLogger({
      destination: out.destination,
      sinks: [
        {
          write: () => {
            throw new Error('broken sink');
          },
        },
        { write: (line) => void received.push(line) },
      ],
    });
    expect(() => logger.error(new Error('boom'), 'failed')).not.toThrow();
    expect(received).toEqual(out.lines);
    expect(JSON.parse(received[0] ?? '{}')).toMatchObject({
      level: 'error',
      msg: 'failed',
      err: { type: 'Error', message: 'boom' },
    });
  });

  it('writes nothing at level silent, to stdout or sinks', () => {
    const out = capture();
    const received: string[] = [];
    const logger = createLogger({
      destination: out.destination,
      level: 'silent',
      sinks: [{ write: (line) => void received.push(line) }],
    });
    logger.fatal('unheard');
    expect(out.lines).toEqual([]);
    expect(received).toEqual([]);
  });
});
