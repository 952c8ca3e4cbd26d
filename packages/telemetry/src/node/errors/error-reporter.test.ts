import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRollbarCaptureServer } from '../../../test/support/rollbar-capture-server.js';
import { createErrorReporter, type ErrorReporter } from './error-reporter.js';
import { errorsConfig } from './errors-config.js';

let server: Awaited<ReturnType<typeof startRollbarCaptureServer>>;
let reporter: ErrorReporter;
const contextManager = new AsyncLocalStorageContextManager();

const SECRETS = {
  authorization: 'Bearer sk-live-authorization-value',
  cookie: 'cruddur_session=s%3Acookie-session-value',
  password: 'hunter2-password-value',
  token: 'query-token-value',
  accessToken: 'query-access-token-value',
  bodyToken: 'body-token-value',
  customSecret: 'custom-secret-value',
  honeycomb: 'honeycomb-key-value',
};

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const spanId = '00f067aa0ba902b7';

beforeAll(async () => {
  context.setGlobalContextManager(contextManager.enable());
  server = await startRollbarCaptureServer();
  reporter = createErrorReporter(
    errorsConfig(
      {
        ROLLBAR_ACCESS_TOKEN: 'test-token',
        ROLLBAR_ENVIRONMENT: 'test',
        ROLLBAR_ENDPOINT: `${server.url}/api/1/item/`,
      },
      '1.2.3',
    ),
  );
});

afterAll(async () => {
  await server.close();
  context.disable();
});

type Payload = { data: Record<string, unknown> & { request?: Record<string, unknown> } };

async function report(send: () => void): Promise<{ raw: string; payload: Payload }> {
  const before = server.items.length;
  send();
  await reporter.flush();
  const items = await server.waitForItems(before + 1);
  const item = items[before];
  if (item === undefined) throw new Error('no item');
  return { raw: item.raw, payload: JSON.parse(item.raw) as Payload };
}

describe('createErrorReporter', () => {
  it('posts to the configured item URL with the access token header', async () => {
    await report(() => reporter.message('info', 'where does it go?'));
    const item = server.items.at(-1);
    expect(item?.path).toBe('/api/1/item/');
    expect(item?.headers['x-rollbar-access-token']).toBe('test-token');
  });

  it('scrubs passwords, tokens, cookies and credential headers from the request before sending', async () => {
    const { raw, payload } = await report(() =>
      reporter.error(new Error('the database is on fire'), {
        request: {
          method: 'POST',
          url: `/api/messages?token=${SECRETS.token}&access_token=${SECRETS.accessToken}&page=2`,
          protocol: 'http',
          headers: {
            host: '127.0.0.1:4567',
            authorization: SECRETS.authorization,
            cookie: SECRETS.cookie,
            'x-honeycomb-team': SECRETS.honeycomb,
            'content-type': 'application/json',
          },
          body: { message: 'hello', password: SECRETS.password, token: SECRETS.bodyToken },
        },
        person: { id: 'andrewbrown', username: 'andrewbrown' },
        custom: { secret: SECRETS.customSecret, note: 'kept' },
      }),
    );

    for (const [name, value] of Object.entries(SECRETS)) {
      expect(raw, `${name} leaked`).not.toContain(value);
    }
    const request = payload.data.request ?? {};
    expect(request.headers).toMatchObject({
      authorization: '********',
      cookie: '********',
      'x-honeycomb-team': '********',
      'content-type': 'application/json',
    });
    expect(request.POST).toMatchObject({
      message: 'hello',
      password: '********',
      token: '********',
    });
    expect(request.GET).toMatchObject({ token: '********', access_token: '********', page: '2' });
    expect(request.method).toBe('POST');
    expect(payload.data.custom).toMatchObject({ secret: '********', note: 'kept' });
  });

  it('names the person, environment, code version and the exception', async () => {
    const { payload } = await report(() =>
      reporter.error(new TypeError('cannot read handle'), {
        person: { id: 'andrewbrown', username: 'andrewbrown' },
        request: { method: 'GET', url: '/api/activities/home', headers: { host: 'x' } },
      }),
    );
    expect(payload.data).toMatchObject({
      environment: 'test',
      code_version: '1.2.3',
      level: 'error',
      person: { id: 'andrewbrown', username: 'andrewbrown' },
    });
    const body = payload.data.body as { trace_chain: { exception: Record<string, string> }[] };
    expect(body.trace_chain[0]?.exception).toMatchObject({
      class: 'TypeError',
      message: 'cannot read handle',
    });
  });

  it("puts the active span's trace id and span id in custom", async () => {
    const span = trace.wrapSpanContext({ traceId, spanId, traceFlags: 1 });
    const { payload } = await report(() =>
      context.with(trace.setSpan(context.active(), span), () =>
        reporter.error(new Error('inside a span')),
      ),
    );
    expect(payload.data.custom).toMatchObject({ trace_id: traceId, span_id: spanId });
  });

  it('reports a message at the level asked for', async () => {
    const { payload } = await report(() =>
      reporter.message('warning', 'Hello World!', { traceId, spanId }),
    );
    expect(payload.data).toMatchObject({
      level: 'warning',
      body: { message: { body: 'Hello World!' } },
      custom: { trace_id: traceId, span_id: spanId },
    });
  });

  it('counts a report the endpoint refused, and never throws', async () => {
    const dead = createErrorReporter(
      errorsConfig(
        {
          ROLLBAR_ACCESS_TOKEN: undefined,
          ROLLBAR_ENVIRONMENT: undefined,
          ROLLBAR_ENDPOINT: 'http://127.0.0.1:9/api/1/item/',
        },
        undefined,
      ),
    );
    expect(() => dead.error(new Error('nobody listens'))).not.toThrow();
    await dead.flush();
    expect(dead.stats()).toMatchObject({ reported: 0, failed: 1 });
  });
});

describe('errorsConfig', () => {
  const unset = {
    ROLLBAR_ACCESS_TOKEN: undefined,
    ROLLBAR_ENVIRONMENT: undefined,
    ROLLBAR_ENDPOINT: undefined,
  };

  it('reports to the local server as development when nothing is set', () => {
    expect(errorsConfig(unset, undefined)).toMatchObject({
      endpoint: 'http://127.0.0.1:4318/api/1/item/',
      environment: 'development',
      chosenBy: 'local-default',
    });
  });

  it('reports to Rollbar itself when only an access token is set', () => {
    expect(errorsConfig({ ...unset, ROLLBAR_ACCESS_TOKEN: 'real' }, undefined)).toMatchObject({
      endpoint: 'https://api.rollbar.com/api/1/item/',
      accessToken: 'real',
    });
  });

  it('uses an explicit endpoint verbatim', () => {
    const endpoint = 'http://collector.internal:8080/api/1/item/';
    expect(errorsConfig({ ...unset, ROLLBAR_ENDPOINT: endpoint }, undefined).endpoint).toBe(
      endpoint,
    );
  });
});
