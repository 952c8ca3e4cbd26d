import { describe, expect, it } from 'vitest';
import { isInProject, normaliseFilename, rollbarFingerprint } from './rollbar-fingerprint.js';
import type { RollbarData, RollbarFrame } from './rollbar-item-schema.js';
import { stripMessageData } from './strip-message-data.js';

function frame(filename: string, method: string, lineno = 1): RollbarFrame {
  return { filename, method, lineno };
}

function errorData(
  frames: RollbarFrame[],
  exception: { class: string; message?: string } = { class: 'TypeError', message: 'boom' },
  extra: Partial<RollbarData> = {},
): RollbarData {
  return { environment: 'test', body: { trace_chain: [{ frames, exception }] }, ...extra };
}

function messageData(body: string, extra: Partial<RollbarData> = {}): RollbarData {
  return { environment: 'test', body: { message: { body } }, ...extra };
}

const appFrames = [
  frame('node:internal/process/task_queues', 'processTicksAndRejections'),
  frame('/srv/app/node_modules/express/lib/router/layer.js', 'handle'),
  frame('/srv/app/src/features/activities/activities-routes.ts', 'homeHandler'),
  frame('/srv/app/src/features/activities/activities-service.ts', 'homeActivities'),
];

describe('rollbarFingerprint', () => {
  it('uses a client fingerprint of up to 40 characters as it is', () => {
    expect(rollbarFingerprint(messageData('x', { fingerprint: 'checkout-timeout' }))).toBe(
      'checkout-timeout',
    );
  });

  it('hashes a longer client fingerprint to 40 hex characters, the same each time', () => {
    const long = 'f'.repeat(41);
    const fingerprint = rollbarFingerprint(messageData('x', { fingerprint: long }));
    expect(fingerprint).toMatch(/^[0-9a-f]{40}$/);
    expect(rollbarFingerprint(messageData('y', { fingerprint: long }))).toBe(fingerprint);
  });

  it('groups an exception by class and in-project frames, whatever its message', () => {
    const a = rollbarFingerprint(errorData(appFrames, { class: 'TypeError', message: 'user 1' }));
    const b = rollbarFingerprint(errorData(appFrames, { class: 'TypeError', message: 'other' }));
    expect(a).toBe(b);
    expect(rollbarFingerprint(errorData(appFrames, { class: 'RangeError' }))).not.toBe(a);
  });

  it('ignores line numbers, so an edit above the throw site keeps the item', () => {
    const moved = appFrames.map((f) => ({ ...f, lineno: Number(f.lineno) + 40, colno: 7 }));
    expect(rollbarFingerprint(errorData(moved))).toBe(rollbarFingerprint(errorData(appFrames)));
  });

  it('ignores library and runtime frames, so a dependency upgrade keeps the item', () => {
    const upgraded = appFrames.map((f) =>
      f.filename.includes('node_modules') ? frame(f.filename.replace('layer', 'route'), 'next') : f,
    );
    expect(rollbarFingerprint(errorData(upgraded))).toBe(rollbarFingerprint(errorData(appFrames)));
  });

  it('tells apart the same class thrown from another function', () => {
    const elsewhere = [...appFrames.slice(0, 3), frame(appFrames[3]!.filename, 'userActivities')];
    expect(rollbarFingerprint(errorData(elsewhere))).not.toBe(
      rollbarFingerprint(errorData(appFrames)),
    );
  });

  it('looks at the top five in-project frames only', () => {
    const deep = Array.from({ length: 8 }, (_, i) => frame(`/srv/app/src/f${i}.ts`, `fn${i}`));
    const otherBottom = [frame('/srv/app/src/main.ts', 'start'), ...deep.slice(1)];
    expect(rollbarFingerprint(errorData(otherBottom))).toBe(rollbarFingerprint(errorData(deep)));
  });

  it('treats the code root as a constant, so two checkouts group together', () => {
    const at = (root: string) =>
      errorData([frame(`${root}/src/a.ts`, 'run')], undefined, { server: { root } });
    expect(rollbarFingerprint(at('/home/ci/build-1'))).toBe(rollbarFingerprint(at('/srv/app')));
  });

  it('falls back to the message when an exception has no frames', () => {
    const a = rollbarFingerprint(
      errorData([], { class: 'Error', message: 'timeout after 3000ms' }),
    );
    const b = rollbarFingerprint(
      errorData([], { class: 'Error', message: 'timeout after 5000ms' }),
    );
    const c = rollbarFingerprint(errorData([], { class: 'Error', message: 'connection refused' }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('groups messages by their text with the data stripped', () => {
    const a = rollbarFingerprint(messageData('Cache miss for user 1234 at 2026-11-21T07:00:00Z'));
    const b = rollbarFingerprint(messageData('Cache miss for user 98765 at 2026-11-20T01:02:03Z'));
    expect(a).toBe(b);
    expect(rollbarFingerprint(messageData('Cache hit for user 1234'))).not.toBe(a);
  });

  it('never groups a message with an exception', () => {
    const fromError = rollbarFingerprint(errorData([], { class: 'Error', message: 'x' }));
    expect(rollbarFingerprint(messageData('x'))).not.toBe(fromError);
  });

  it('groups crash reports by what crashed, not by addresses', () => {
    const crash = (address: string) => ({
      environment: 'test',
      body: {
        crash_report: {
          raw: `Incident Identifier: X\nException Type:  EXC_BAD_ACCESS (SIGSEGV)\nException Codes: KERN_INVALID_ADDRESS at ${address}`,
        },
      },
    });
    expect(rollbarFingerprint(crash('0x0000000000000010'))).toBe(
      rollbarFingerprint(crash('0x00000001deadbeef')),
    );
  });
});

describe('frames', () => {
  it('counts project files as in-project, and node_modules and runtime internals as not', () => {
    expect(isInProject('/srv/app/src/app.ts')).toBe(true);
    expect(isInProject('http://localhost:3000/src/main.tsx')).toBe(true);
    expect(isInProject('/srv/app/node_modules/pg/lib/client.js')).toBe(false);
    expect(isInProject('C:\\app\\node_modules\\pg\\client.js')).toBe(false);
    expect(isInProject('node:internal/process/task_queues')).toBe(false);
    expect(isInProject('internal/modules/cjs/loader.js')).toBe(false);
  });

  it('drops origins, cache busters and bundle hashes from file names', () => {
    expect(normaliseFilename('http://localhost:3000/src/app.tsx?t=1700000000')).toBe(
      '/src/app.tsx',
    );
    expect(normaliseFilename('https://cdn.example.com/assets/index-B7x9kQ2a.js')).toBe(
      '/assets/index-<hash>.js',
    );
    expect(normaliseFilename('file:///srv/app/dist/main.js')).toBe('/srv/app/dist/main.js');
    expect(normaliseFilename('/srv/app/src/activities-service.ts')).toBe(
      '/srv/app/src/activities-service.ts',
    );
  });
});

describe('stripMessageData', () => {
  it('replaces ids, numbers, times, addresses and emails, and keeps HTTP status codes', () => {
    expect(
      stripMessageData(
        'GET /users/12345 answered 404 in 12.5 ms for ann@example.com from 10.0.0.7 at 2026-11-21 07:00:01, request 0f8fad5b-d9cb-469f-a165-70867728950e',
      ),
    ).toBe(
      'GET /users/<num> answered 404 in <num> ms for <email> from <ip> at <time>, request <uuid>',
    );
  });

  it('keeps words made of hex letters and single digits', () => {
    expect(stripMessageData('facade failed on step 3')).toBe('facade failed on step 3');
    expect(stripMessageData('object deadbeef01 vanished')).toBe('object <hex> vanished');
  });
});
