import type { ErrorOccurrence } from '../../src/model/error-occurrence.js';

let counter = 0;

/** An occurrence as the Rollbar mapper would produce it; a fresh uuid each time. */
export function makeOccurrence(overrides: Partial<ErrorOccurrence> = {}): ErrorOccurrence {
  counter++;
  const uuid = overrides.uuid ?? `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    uuid,
    environment: 'test',
    fingerprint: 'fp-checkout',
    title: 'TypeError: boom',
    level: 'error',
    timeMs: Date.now(),
    exceptionClass: 'TypeError',
    message: 'boom',
    traceId: null,
    spanId: null,
    codeVersion: null,
    framework: 'node-js',
    platform: 'linux',
    language: 'javascript',
    context: null,
    host: 'test-host',
    personId: null,
    requestJson: null,
    personJson: null,
    dataJson: JSON.stringify({ environment: 'test', uuid, body: { message: { body: 'boom' } } }),
    ...overrides,
  };
}
