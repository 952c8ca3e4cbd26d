import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { SAMPLING_PROXY_OPERATIONS, xrayOperation } from '../http/xray-routes.js';
import type { XrayServices } from '../xray/xray-services.js';

/** Sampling request bodies are a few kilobytes; anything near this is not an SDK. */
const MAX_PROXY_BODY_BYTES = 256 * 1024;

/**
 * The daemon's TCP side. The real daemon signs and forwards any path to X-Ray; SDKs only use
 * `/GetSamplingRules` and `/SamplingTargets`, so those are answered here from the local rules.
 * Other paths get 404: the full API (and its traces) stays behind the HTTP port's keys.
 */
export function samplingProxyServer(services: XrayServices, now: () => number): Server {
  const app = new Hono();
  for (const [path, operation] of SAMPLING_PROXY_OPERATIONS) {
    app.post(path, xrayOperation(services, MAX_PROXY_BODY_BYTES, now, operation));
  }
  app.notFound((c) =>
    c.json(
      { message: `the local daemon answers only /GetSamplingRules and /SamplingTargets` },
      404,
      {
        'x-amzn-ErrorType': 'UnknownOperationException',
      },
    ),
  );
  return createAdaptorServer({ fetch: app.fetch }) as Server;
}
