import { context, type Span, trace } from '@opentelemetry/api';
import { getRPCMetadata } from '@opentelemetry/core';

/**
 * The span that stands for the whole request: the HTTP server span the http instrumentation
 * keeps in the request's RPC metadata, else whatever span is active (the caller's remote span
 * when only `traceContextMiddleware` ran). Unlike the active span inside an error handler, it is
 * still open until the response is sent.
 */
export function requestSpan(): Span | undefined {
  return getRPCMetadata(context.active())?.span ?? trace.getActiveSpan();
}
