import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { CloudWatchLogsError } from '../receivers/cloudwatch-logs/cloudwatch-logs-error.js';
import { LOCAL_ACCOUNT_ID } from '../store/log-groups-reader.js';
import type { AppDeps } from './app-deps.js';
import { checkKey, presentedKey } from './auth.js';
import { CLOUDWATCH_LOGS_ACTIONS, type CloudWatchLogsAction } from './cloudwatch-logs-actions.js';
import { AWS_JSON_CONTENT_TYPE, cloudWatchLogsErrorResponse } from './cloudwatch-logs-errors.js';
import { readJson } from './json-body.js';
import { sigV4Credential } from './sigv4-credential.js';

const TARGET_PREFIX = 'Logs_20140328.';
const ACCEPTED_TYPES = new Set([
  AWS_JSON_CONTENT_TYPE,
  'application/x-amz-json-1.0',
  'application/json',
]);
/**
 * A valid PutLogEvents carries at most 1 MiB of messages; JSON escaping can make a message up to
 * six times longer on the wire, so bodies are read up to 8 MiB (or the server's smaller limit).
 */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const DEFAULT_REGION = 'us-east-1';

/**
 * The CloudWatch Logs API (AWS JSON 1.1): `POST /` with `X-Amz-Target: Logs_20140328.<Action>`.
 * Requests are SigV4-signed; signatures are not verified. With keys configured, the signing
 * access key id is the key (or `X-Api-Key` / a Bearer token when unsigned).
 */
export function cloudWatchLogsRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError(cloudWatchLogsErrorResponse);
  app.post('/', async (c) => {
    c.header('x-amzn-RequestId', randomUUID());
    const actionName = actionNameOf(c.req.header('x-amz-target'));
    const action = CLOUDWATCH_LOGS_ACTIONS.get(actionName);
    if (action === undefined) {
      throw new CloudWatchLogsError(
        'UnknownOperationException',
        `Operation ${actionName} is not supported by this server.`,
      );
    }
    const credential = sigV4Credential(c.req.header('authorization'));
    requireAccess(deps, c, action, actionName, credential?.accessKeyId);
    const contentType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!ACCEPTED_TYPES.has(contentType)) {
      throw new CloudWatchLogsError(
        'SerializationException',
        `Content-Type must be ${AWS_JSON_CONTENT_TYPE}.`,
      );
    }
    const body = await readJsonObject(c, Math.min(deps.config.maxBodyBytes, MAX_BODY_BYTES));
    const result = await action.run(deps, body, {
      region: credential?.region ?? DEFAULT_REGION,
      accountId: LOCAL_ACCOUNT_ID,
    });
    return c.body(JSON.stringify(result), 200, { 'content-type': AWS_JSON_CONTENT_TYPE });
  });
  return app;
}

function actionNameOf(target: string | undefined): string {
  if (target === undefined || !target.startsWith(TARGET_PREFIX)) {
    throw new CloudWatchLogsError(
      'UnknownOperationException',
      `X-Amz-Target must name an operation as ${TARGET_PREFIX}<Operation>.`,
    );
  }
  return target.slice(TARGET_PREFIX.length);
}

function requireAccess(
  deps: AppDeps,
  c: Context,
  action: CloudWatchLogsAction,
  actionName: string,
  accessKeyId: string | undefined,
): void {
  const key = accessKeyId ?? presentedKey(c.req.raw.headers);
  const decision = checkKey(deps.config, key, action.access);
  const known =
    key !== undefined &&
    (deps.config.ingestKeys.includes(key) || deps.config.queryKeys.includes(key));
  // As the service does: an unknown key is an unrecognized client, a known one lacking the
  // right is denied.
  if (decision === 'missing' || (decision === 'denied' && !known)) {
    throw new CloudWatchLogsError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    );
  }
  if (decision === 'denied') {
    throw new CloudWatchLogsError(
      'AccessDeniedException',
      `The key is not authorized to perform: logs:${actionName}`,
    );
  }
}

/** An empty body stands for `{}`, as the SDK sends for operations without input. */
async function readJsonObject(c: Context, limit: number): Promise<object> {
  const value = await readJson(c.req.raw, limit, { emptyAs: {} });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CloudWatchLogsError(
      'SerializationException',
      'The request body must be a JSON object.',
    );
  }
  return value;
}
