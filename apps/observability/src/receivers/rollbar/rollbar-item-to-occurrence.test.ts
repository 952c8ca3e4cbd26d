import { describe, expect, it } from 'vitest';
import { type RollbarData, rollbarItemSchema } from './rollbar-item-schema.js';
import { rollbarItemToOccurrence } from './rollbar-item-to-occurrence.js';

const RECEIVED_MS = 1_790_000_000_123;

function data(extra: Record<string, unknown>): RollbarData {
  return rollbarItemSchema.parse({ data: { environment: 'production', ...extra } }).data;
}

function map(extra: Record<string, unknown>) {
  const result = rollbarItemToOccurrence(data(extra), RECEIVED_MS, () => 'generated-uuid');
  if (result.kind !== 'ok') throw new Error(result.error);
  return result.occurrence;
}

const trace = {
  frames: [{ filename: '/srv/app/src/a.ts', method: 'run', lineno: 3 }],
  exception: {
    class: 'TypeError',
    message: "Cannot read properties of undefined (reading 'id')\nmore",
  },
};

describe('rollbarItemToOccurrence', () => {
  it('defaults exceptions to error and messages to info', () => {
    expect(map({ body: { trace } }).level).toBe('error');
    expect(map({ body: { message: { body: 'hi' } } }).level).toBe('info');
  });

  it('accepts the five levels in any case, and warn and fatal', () => {
    expect(map({ body: { trace }, level: 'WARNING' }).level).toBe('warning');
    expect(map({ body: { trace }, level: 'warn' }).level).toBe('warning');
    expect(map({ body: { trace }, level: 'fatal' }).level).toBe('critical');
  });

  it('rejects an unknown level', () => {
    const result = rollbarItemToOccurrence(data({ body: { trace }, level: 'loud' }), 0, () => 'u');
    expect(result).toEqual({
      kind: 'rejected',
      error: 'data.level must be one of critical, error, warning, info, debug',
    });
  });

  it('titles an exception "Class: first line of the message"', () => {
    expect(map({ body: { trace_chain: [trace] } }).title).toBe(
      "TypeError: Cannot read properties of undefined (reading 'id')",
    );
    expect(map({ body: { trace }, title: 'Custom' }).title).toBe('Custom');
  });

  it('cuts titles at 255 code points without splitting a surrogate pair', () => {
    const title = map({ body: { message: { body: `${'a'.repeat(254)}😀😀` } } }).title;
    expect([...title]).toHaveLength(255);
    expect(title.endsWith('😀')).toBe(true);
  });

  it('uses the reporter time in seconds, else the receive time', () => {
    expect(map({ body: { trace }, timestamp: 1_790_000_000 }).timeMs).toBe(1_790_000_000_000);
    expect(map({ body: { trace } }).timeMs).toBe(RECEIVED_MS);
  });

  it('keeps the reporter uuid, generates one when absent, and stores it with the payload', () => {
    expect(map({ body: { trace }, uuid: 'abc' }).uuid).toBe('abc');
    const generated = map({ body: { trace } });
    expect(generated.uuid).toBe('generated-uuid');
    expect(JSON.parse(generated.dataJson).uuid).toBe('generated-uuid');
  });

  it('keeps request, person and unknown fields of the payload', () => {
    const occurrence = map({
      body: { trace },
      person: { id: 42, username: 'ann' },
      request: { url: 'http://x/', method: 'GET' },
      code_version: 7,
      extra_field: { kept: true },
    });
    expect(occurrence.personId).toBe('42');
    expect(occurrence.codeVersion).toBe('7');
    expect(JSON.parse(occurrence.requestJson ?? '')).toEqual({ url: 'http://x/', method: 'GET' });
    expect(JSON.parse(occurrence.dataJson).extra_field).toEqual({ kept: true });
  });
});

describe('rollbarItemSchema', () => {
  it.each([
    [{}, 'data'],
    [{ data: { body: { message: { body: 'x' } } } }, 'data.environment'],
    [{ data: { environment: 'p', body: {} } }, 'data.body'],
    [{ data: { environment: 'p', body: { message: { body: 'x' }, trace } } }, 'data.body'],
    [
      { data: { environment: 'p', body: { trace: { frames: 'no', exception: trace.exception } } } },
      'data.body.trace.frames',
    ],
    [{ data: { environment: 'p', body: { trace_chain: [] } } }, 'data.body.trace_chain'],
    [
      { data: { environment: 'x'.repeat(256), body: { message: { body: 'x' } } } },
      'data.environment',
    ],
    [
      { data: { environment: 'p', body: { message: { body: 'x' } }, timestamp: '1' } },
      'data.timestamp',
    ],
  ])('rejects %j at %s', (payload, path) => {
    const result = rollbarItemSchema.safeParse(payload);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(path);
  });
});
