import type { Logger } from '@cruddur/telemetry/node';
import { isSpanContextValid } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { requestSpan } from './request-span.js';

/** What one access-log record adds to the logger's own `time`, `level` and `msg`. */
export interface AccessLogFields {
  remote_addr: string | undefined;
  method: string;
  scheme: string;
  /** Path with query, as received. */
  path: string;
  status: number;
  duration_ms: number;
  trace_id?: string;
  span_id?: string;
}

/**
 * One structured record per request once the response is sent (or the client went away), as
 * the original Cruddur's `after_request` logged it, plus the duration and the request's trace.
 * Shipped to CloudWatch as the event's JSON message, `{ $.status >= 500 }` finds failed
 * requests. Runs after the response, so it never delays one.
 */
export function accessLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    const spanContext = requestSpan()?.spanContext();
    const ids =
      spanContext !== undefined && isSpanContextValid(spanContext)
        ? { trace_id: spanContext.traceId, span_id: spanContext.spanId }
        : {};
    let logged = false;
    const log = (): void => {
      if (logged) return;
      logged = true;
      const fields: AccessLogFields = {
        remote_addr: req.socket.remoteAddress,
        method: req.method,
        scheme: req.protocol,
        path: req.originalUrl,
        status: res.statusCode,
        duration_ms: Math.round((performance.now() - started) * 1000) / 1000,
        ...ids,
      };
      const message = `${fields.method} ${fields.path} ${fields.status}`;
      if (fields.status >= 500) logger.error(fields, message);
      else if (fields.status >= 400) logger.warn(fields, message);
      else logger.info(fields, message);
    };
    res.once('finish', log);
    // A client that disconnects first never sees `finish`; the request still happened.
    res.once('close', log);
    next();
  };
}
