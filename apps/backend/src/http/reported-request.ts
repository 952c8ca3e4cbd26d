import type { ReportedRequest } from '@cruddur/telemetry/node';
import type { Request } from 'express';

/** The parts of an Express request an error report carries; the reporter scrubs them. */
export function reportedRequest(req: Request): ReportedRequest {
  return {
    headers: req.headers,
    method: req.method,
    url: req.originalUrl,
    protocol: req.protocol,
    body: req.body as unknown,
    ip: req.ip,
    route: req.route as { path?: unknown } | undefined,
  };
}
