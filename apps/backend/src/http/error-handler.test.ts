import type { AddressInfo } from 'node:net';
import { createErrorReporter, createLogger, type ErrorReporter } from '@cruddur/telemetry/node';
import { SpanStatusCode } from '@opentelemetry/api';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerInMemoryTracing } from '../../test/support/in-memory-tracing.js';
import { type ObservabilityServer, startObservability } from '../../test/support/observability.js';
import { BadRequestError, ValidationError } from '../shared/app-errors.js';
import { tracer } from '../telemetry/tracer.js';
import { accessLog } from './access-log.js';
import { createErrorHandler } from './error-handler.js';

const tracing = registerInMemoryTracing();
let observability: ObservabilityServer;
let errors: ErrorReporter;
let server: ReturnType<express.Express['listen']> | undefined;
let baseUrl: string;
const lines: string[] = [];
const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

beforeAll(async () => {
  observability = await startObservability();
  errors = createErrorReporter({
    accessToken: 'test',
    endpoint: `${observability.url}/api/1/item/`,
    environment: 'test',
    codeVersion: '9.9.9',
    chosenBy: 'rollbar-endpoint',
  });
  const logger = createLogger({ destination: { write: (line: string) => void lines.push(line) } });

  const app = express();
  // Stands in for the http instrumentation's server span, open until the response is sent.
  app.use((_req, res, next) => {
    tracer.startActiveSpan('GET request', (span) => {
      res.once('finish', () => span.end());
      next();
    });
  });
  app.use(accessLog(logger));
  app.use(express.json());
  app.get('/boom', () => {
    throw new TypeError('cannot read properties of undefined');
  });
  app.get('/bad', () => {
    throw new BadRequestError('invalid_uuid', 'not a uuid');
  });
  app.get('/invalid', () => {
    throw new ValidationError(['message_blank']);
  });
  app.post('/echo', (req, res) => {
    res.json(req.body);
  });
  app.use(createErrorHandler({ logger, errors }));
  const listening = app.listen(0, '127.0.0.1');
  server = listening;
  await new Promise<void>((resolve) => listening.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await observability?.stop();
});

beforeEach(() => {
  lines.length = 0;
  tracing.reset();
});

/** `finish` fires once the response is handed to the socket, maybe after the client read it. */
async function accessRecords(count: number): Promise<Record<string, unknown>[]> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    const access = records().filter((record) => 'status' in record);
    if (access.length >= count || Date.now() > deadline) return access;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function rollbarItems(): Promise<{ id: number; title: string; level: string }[]> {
  const response = await fetch(`${observability.url}/api/1/items/`);
  const body = (await response.json()) as {
    result: { items: { id: number; title: string; level: string }[] };
  };
  return body.result.items;
}

describe('the error handler', () => {
  it('answers an unexpected error with a clean JSON 500 and reports it once, with the trace', async () => {
    const response = await fetch(`${baseUrl}/boom?password=query-secret`, {
      headers: { authorization: 'Bearer header-secret', cookie: 'cruddur_session=cookie-secret' },
    });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: 'internal_error',
      message: 'internal server error',
    });

    const span = tracing.findSpan('GET request');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.events.map((event) => event.name)).toEqual(['exception']);
    expect(span.events[0]?.attributes?.['exception.type']).toBe('TypeError');

    const failure = records().find(
      (record) =>
        record.msg ===
        'GET /boom?password=query-secret failed: cannot read properties of undefined',
    );
    expect(failure).toMatchObject({
      level: 'error',
      trace_id: span.spanContext().traceId,
      err: { type: 'TypeError' },
    });

    await errors.flush();
    const items = await rollbarItems();
    const matching = items.filter((each) =>
      each.title.includes('cannot read properties of undefined'),
    );
    expect(matching).toHaveLength(1);
    const item = matching[0];
    expect(item?.level).toBe('error');
    const instances = (await (
      await fetch(`${observability.url}/api/1/item/${item?.id}/instances`)
    ).json()) as { result: { instances: { data: Record<string, unknown> }[] } };
    const data = instances.result.instances[0]?.data ?? {};
    expect(data.custom).toMatchObject({
      trace_id: span.spanContext().traceId,
      span_id: span.spanContext().spanId,
    });
    expect(data.code_version).toBe('9.9.9');
    const raw = JSON.stringify(data);
    for (const secret of ['query-secret', 'header-secret', 'cookie-secret']) {
      expect(raw).not.toContain(secret);
    }
  });

  it('answers client errors without reporting them', async () => {
    const before = errors.stats().reported + errors.stats().failed;
    expect((await fetch(`${baseUrl}/bad`)).status).toBe(400);
    expect((await fetch(`${baseUrl}/invalid`)).status).toBe(422);
    const malformed = await fetch(`${baseUrl}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"not json',
    });
    expect(malformed.status).toBe(400);
    await errors.flush();
    expect(errors.stats().reported + errors.stats().failed).toBe(before);
    expect(tracing.spans().flatMap((span) => span.events)).toEqual([]);
  });
});

describe('the access log', () => {
  it('writes one record per request with the fields the original after_request logged', async () => {
    await fetch(`${baseUrl}/bad?x=1`);
    const access = await accessRecords(1);
    const span = tracing.findSpan('GET request');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({
      level: 'warn',
      remote_addr: expect.stringMatching(/127\.0\.0\.1/),
      method: 'GET',
      scheme: 'http',
      path: '/bad?x=1',
      status: 400,
      duration_ms: expect.any(Number),
      trace_id: span.spanContext().traceId,
      span_id: span.spanContext().spanId,
      msg: 'GET /bad?x=1 400',
    });
    expect(typeof access[0]?.time).toBe('string');
  });

  it('logs a 500 at level error', async () => {
    await fetch(`${baseUrl}/boom`);
    const [access] = await accessRecords(1);
    expect(access).toMatchObject({ status: 500, level: 'error' });
  });
});
