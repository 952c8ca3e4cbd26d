import { context, propagation, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';

/**
 * Continues a caller's W3C trace (`traceparent`, `tracestate`) when no server span is active yet.
 * With the http instrumentation loaded, its server span already did this and is the right
 * parent, so we leave it alone; without it (tests, or telemetry started without http
 * instrumentation) this is what makes a browser's trace continue into our service spans.
 */
export function traceContextMiddleware(req: Request, _res: Response, next: NextFunction): void {
  if (trace.getSpan(context.active()) !== undefined) {
    next();
    return;
  }
  context.with(propagation.extract(context.active(), req.headers), next);
}
