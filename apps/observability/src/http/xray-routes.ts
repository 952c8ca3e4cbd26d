import type { Context, Handler } from 'hono';
import { Hono } from 'hono';
import { StoreClosedError, StoreOverloadedError } from '../store/store-errors.js';
import {
  createGroup,
  createSamplingRule,
  deleteGroup,
  deleteSamplingRule,
  getGroup,
  getGroups,
  getSamplingRules,
  getSamplingTargets,
} from '../xray/settings-operations.js';
import {
  batchGetTraces,
  getServiceGraph,
  getTraceSummaries,
  putTraceSegments,
} from '../xray/trace-operations.js';
import { XrayApiError } from '../xray/xray-api-error.js';
import type { XrayServices } from '../xray/xray-services.js';
import type { AppDeps } from './app-deps.js';
import type { Access } from './auth.js';
import { MalformedJsonError, readJson } from './json-body.js';
import { BodyTooLargeError, ClientAbortedError, UnreadableBodyError } from './request-body.js';
import { requireAccess } from './require-access.js';

type Operation = (services: XrayServices, body: unknown, nowS: number) => unknown;

/** restJson1 paths of the X-Ray API, as `@aws-sdk/client-xray` posts them. */
const OPERATIONS: readonly [path: string, access: Access, operation: Operation][] = [
  ['/TraceSegments', 'ingest', putTraceSegments],
  ['/TraceSummaries', 'query', getTraceSummaries],
  ['/Traces', 'query', batchGetTraces],
  ['/ServiceGraph', 'query', getServiceGraph],
  ['/CreateGroup', 'ingest', createGroup],
  ['/Groups', 'query', getGroups],
  ['/GetGroup', 'query', getGroup],
  ['/DeleteGroup', 'ingest', deleteGroup],
  ['/CreateSamplingRule', 'ingest', createSamplingRule],
  ['/GetSamplingRules', 'query', getSamplingRules],
  ['/DeleteSamplingRule', 'ingest', deleteSamplingRule],
  ['/SamplingTargets', 'ingest', getSamplingTargets],
];

/** The sampling paths SDKs reach through the daemon's TCP port; they carry no key there. */
export const SAMPLING_PROXY_OPERATIONS: readonly [path: string, operation: Operation][] = [
  ['/GetSamplingRules', getSamplingRules],
  ['/SamplingTargets', getSamplingTargets],
];

/** X-Ray's REST API on the HTTP port: reads need a query key, writes an ingest key. */
export function xrayRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  for (const [path, access, operation] of OPERATIONS) {
    app.post(
      path,
      requireAccess(deps.config, access, (c, decision) =>
        xrayError(
          c,
          403,
          decision === 'missing' ? 'MissingAuthenticationTokenException' : 'AccessDeniedException',
          decision === 'missing'
            ? 'missing API key'
            : `API key not allowed to ${access === 'query' ? 'read' : 'send'}`,
        ),
      ),
      xrayOperation(deps.xray, deps.config.maxBodyBytes, deps.now, operation),
    );
  }
  return app;
}

/** Runs one operation on a JSON body, answering errors in restJson1's shape. */
export function xrayOperation(
  services: XrayServices,
  maxBodyBytes: number,
  now: () => number,
  operation: Operation,
): Handler {
  return async (c) => {
    try {
      const body = await readJson(c.req.raw, maxBodyBytes, { emptyAs: {} });
      return c.json((await operation(services, body, Math.floor(now() / 1000))) as object, 200);
    } catch (error) {
      return xrayErrorResponse(c, error);
    }
  };
}

function xrayErrorResponse(c: Context, error: unknown): Response {
  if (error instanceof XrayApiError) return xrayError(c, error.status, error.code, error.message);
  if (
    error instanceof MalformedJsonError ||
    error instanceof UnreadableBodyError ||
    error instanceof ClientAbortedError
  ) {
    return xrayError(c, 400, 'InvalidRequestException', error.message);
  }
  if (error instanceof BodyTooLargeError)
    return xrayError(c, 413, 'InvalidRequestException', error.message);
  if (error instanceof StoreOverloadedError) {
    c.header('Retry-After', String(error.retryAfterSeconds));
    return xrayError(c, 429, 'ThrottledException', error.message);
  }
  if (error instanceof StoreClosedError) {
    c.header('Retry-After', '1');
    return xrayError(c, 429, 'ThrottledException', error.message);
  }
  console.error('x-ray api:', error);
  return xrayError(c, 500, 'InternalFailure', 'internal error');
}

function xrayError(
  c: Context,
  status: 400 | 403 | 413 | 429 | 500,
  code: string,
  message: string,
): Response {
  return c.json({ message }, status, { 'x-amzn-ErrorType': code });
}
