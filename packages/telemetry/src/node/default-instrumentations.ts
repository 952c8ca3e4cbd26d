import type { Instrumentation } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';

/**
 * Incoming and outgoing `node:http`, Express routes and middleware, `pg` queries, and outbound
 * `fetch` (undici). Fresh instances each call: an instrumentation belongs to one SDK.
 *
 * @example
 * startTelemetry({ instrumentations: [...defaultInstrumentations(), new MyInstrumentation()] });
 */
export function defaultInstrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation(),
    // Middleware and router layers would add ~10 spans to every request and cost a quarter of the
    // API's throughput; the request handler span and `http.route` on the server span stay.
    new ExpressInstrumentation({
      ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER],
    }),
    // instrumentation-pg leaves out `db.operation.name`; PGlite's spans have it, so pg's get it too.
    new PgInstrumentation({
      requestHook: (span, info) => {
        const operation = /^\s*(\w+)/.exec(info.query.text)?.[1]?.toUpperCase();
        if (operation !== undefined) span.setAttribute('db.operation.name', operation);
      },
    }),
    new UndiciInstrumentation(),
  ];
}
