import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { z } from 'zod';
import { ERROR_ITEM_STATUSES, ERROR_LEVELS } from '../model/error-occurrence.js';
import { firstIssue } from '../receivers/first-issue.js';
import { rollbarItemSchema } from '../receivers/rollbar/rollbar-item-schema.js';
import { rollbarItemToOccurrence } from '../receivers/rollbar/rollbar-item-to-occurrence.js';
import { scrubRollbarData } from '../receivers/rollbar/scrub-rollbar-data.js';
import type { AppDeps } from './app-deps.js';
import { rollbarError, rollbarErrorResponse } from './rollbar-errors.js';
import { JsonTooDeepError, ROLLBAR_MAX_BODY_BYTES, readRollbarBody } from './rollbar-item-body.js';
import { itemToRollbarJson, occurrenceToRollbarJson } from './rollbar-json.js';
import { checkRollbarToken, type RollbarTokenDecision } from './rollbar-scopes.js';

const DENIAL: Record<Exclude<RollbarTokenDecision, 'allowed'>, string> = {
  missing: 'access token required',
  invalid: 'invalid access token',
  forbidden: 'access token lacks the scope for this request',
};

const itemPatchSchema = z.strictObject({
  status: z.enum(ERROR_ITEM_STATUSES).optional(),
  resolved_in_version: z.string().max(40).optional(),
  title: z.string().min(1).max(255).optional(),
  level: z.enum(ERROR_LEVELS).optional(),
});

const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const pageParam = z.coerce.number().int().positive().max(1_000_000).catch(1);

/**
 * Rollbar's item API, mounted at `/api`: `POST /1/item/` (or the base `/1/`) stores an
 * occurrence; `GET /1/items/`, `/1/item/:id`, `/1/item/:id/instances`, `/1/instance/:id` and
 * `/1/item/?uuid=` read; `PATCH /1/item/:id` changes an item.
 */
export function rollbarRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError(rollbarErrorResponse);
  const tokens = deps.config.rollbarTokens ?? new Map();
  const limit = Math.min(deps.config.maxBodyBytes, ROLLBAR_MAX_BODY_BYTES);
  const errors = () => deps.store.errors;

  /** Denies with Rollbar's 403 unless the request's token grants `need`. */
  const denied = (c: Context, need: 'read' | 'write', token?: string): Response | undefined => {
    const presented =
      token ?? c.req.header('x-rollbar-access-token') ?? c.req.query('access_token');
    const decision = checkRollbarToken(tokens, deps.config, presented?.trim(), need);
    return decision === 'allowed' ? undefined : rollbarError(c, 403, DENIAL[decision]);
  };

  // The browser front end posts items; reads never answer cross-origin.
  app.on(
    ['POST', 'OPTIONS'],
    ['/1/item/', '/1/item', '/1/'],
    cors({
      origin: [...deps.config.corsOrigins],
      allowMethods: ['POST', 'OPTIONS'],
      allowHeaders: ['content-type', 'content-encoding', 'x-rollbar-access-token'],
      maxAge: 600,
    }),
  );

  const postItem = async (c: Context) => {
    const header = c.req.header('x-rollbar-access-token')?.trim();
    // An unknown token is refused before its body is read; scopes need the body's platform.
    if (header && checkRollbarToken(tokens, deps.config, header, 'post') === 'invalid') {
      return rollbarError(c, 403, DENIAL.invalid);
    }
    let raw: unknown;
    try {
      raw = await readRollbarBody(c.req.raw, limit);
    } catch (error) {
      if (error instanceof JsonTooDeepError) return rollbarError(c, 422, error.message);
      throw error;
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      return rollbarError(c, 400, 'request body must be a JSON object {"data": {...}}');
    }
    const record = raw as Record<string, unknown>;
    const data = record.data as Record<string, unknown> | undefined;
    const bodyToken = typeof record.access_token === 'string' ? record.access_token : undefined;
    const platform = typeof data?.platform === 'string' ? data.platform : undefined;
    const decision = checkRollbarToken(
      tokens,
      deps.config,
      header || bodyToken?.trim() || c.req.query('access_token')?.trim(),
      'post',
      platform,
    );
    if (decision !== 'allowed') return rollbarError(c, 403, DENIAL[decision]);

    if (data !== null && typeof data === 'object') scrubRollbarData(data);
    const parsed = rollbarItemSchema.safeParse(raw);
    if (!parsed.success) return rollbarError(c, 422, `Invalid format. ${describe(parsed.error)}`);
    const receivedMs = deps.now();
    const mapped = rollbarItemToOccurrence(parsed.data.data, receivedMs, randomUUID);
    if (mapped.kind === 'rejected') return rollbarError(c, 422, `Invalid format. ${mapped.error}`);
    const stored = await errors().record(mapped.occurrence, receivedMs);
    return c.json({ err: 0, result: { id: null, uuid: stored.uuid } });
  };
  app.post('/1/item/', postItem);
  app.post('/1/item', postItem);
  // SDKs configured with the API's base URL (`…/api/1/`) post items to it as it is.
  app.post('/1/', postItem);

  const listItems = async (c: Context) => {
    const refused = denied(c, 'read');
    if (refused) return refused;
    const many = (name: string) =>
      (c.req.queries(name) ?? []).flatMap((value) => value.split(',')).filter(Boolean);
    const page = pageParam.parse(c.req.query('page'));
    const ids = many('ids').map(Number).filter(Number.isSafeInteger);
    const result = await errors().listItems({
      statuses: many('status').filter(isOneOf(ERROR_ITEM_STATUSES)),
      levels: many('level').filter(isOneOf(ERROR_LEVELS)),
      environments: many('environment'),
      ...(ids.length > 0 ? { ids } : {}),
      ...(c.req.query('query') ? { text: c.req.query('query') } : {}),
      page,
      pageSize: 100,
    });
    return c.json({
      err: 0,
      result: { page, total_count: result.totalCount, items: result.items.map(itemToRollbarJson) },
    });
  };
  app.get('/1/items/', listItems);
  app.get('/1/items', listItems);

  // `GET /item/?uuid=`: the item holding the occurrence with this uuid.
  const itemByUuid = async (c: Context) => {
    const refused = denied(c, 'read');
    if (refused) return refused;
    const uuid = c.req.query('uuid') ?? '';
    if (uuid === '' || uuid.length > 36) return rollbarError(c, 400, 'Invalid UUID format');
    const occurrence = await errors().occurrence({ uuid });
    const item = occurrence && (await errors().item(occurrence.itemId));
    if (!item) return rollbarError(c, 404, 'UUID did not match any occurrence');
    return c.json({ err: 0, result: itemToRollbarJson(item) });
  };
  app.get('/1/item/', itemByUuid);
  app.get('/1/item', itemByUuid);

  /** The item named by the path's `:id`; undefined when there is none (or the id is no id). */
  const itemInPath = async (c: Context) => {
    const id = idParam.safeParse(c.req.param('id'));
    return id.success ? await errors().item(id.data) : undefined;
  };

  app.get('/1/item/:id', async (c) => {
    const refused = denied(c, 'read');
    if (refused) return refused;
    const item = await itemInPath(c);
    if (!item) return rollbarError(c, 404, 'Item not found in this project.');
    return c.json({ err: 0, result: itemToRollbarJson(item) });
  });

  const instances = async (c: Context) => {
    const refused = denied(c, 'read');
    if (refused) return refused;
    const item = await itemInPath(c);
    if (!item) return rollbarError(c, 404, 'Item not found in this project.');
    const page = pageParam.parse(c.req.query('page'));
    const occurrences = await errors().occurrences(item.id, { page, pageSize: 20 });
    return c.json({
      err: 0,
      result: { page, instances: occurrences.map(occurrenceToRollbarJson) },
    });
  };
  app.get('/1/item/:id/instances', instances);
  app.get('/1/item/:id/instances/', instances);

  app.get('/1/instance/:id', async (c) => {
    const refused = denied(c, 'read');
    if (refused) return refused;
    const id = idParam.safeParse(c.req.param('id'));
    const occurrence = id.success ? await errors().occurrence({ id: id.data }) : undefined;
    if (!occurrence) return rollbarError(c, 404, 'Instance not found in this project.');
    return c.json({ err: 0, result: occurrenceToRollbarJson(occurrence) });
  });

  app.patch('/1/item/:id', async (c) => {
    // A token in the header is checked before the body is read; one in the body only after.
    const header = c.req.header('x-rollbar-access-token');
    if (header) {
      const refused = denied(c, 'write');
      if (refused) return refused;
    }
    let body: unknown;
    try {
      body = await readRollbarBody(c.req.raw, limit);
    } catch (error) {
      if (error instanceof JsonTooDeepError) return rollbarError(c, 422, error.message);
      throw error;
    }
    if (!header) {
      const bodyToken =
        body !== null && typeof body === 'object' && 'access_token' in body
          ? String((body as { access_token: unknown }).access_token)
          : undefined;
      const refused = denied(c, 'write', bodyToken);
      if (refused) return refused;
    }
    if (body !== null && typeof body === 'object')
      delete (body as { access_token?: unknown }).access_token;
    const patch = itemPatchSchema.safeParse(body);
    if (!patch.success) return rollbarError(c, 422, `Invalid format. ${describe(patch.error)}`);
    if (patch.data.resolved_in_version !== undefined && patch.data.status !== 'resolved') {
      return rollbarError(c, 422, 'resolved_in_version may only be set with status "resolved"');
    }
    const id = idParam.safeParse(c.req.param('id'));
    const { status, title, level, resolved_in_version: resolvedInVersion } = patch.data;
    const item = id.success
      ? await errors().updateItem(
          id.data,
          {
            ...(status ? { status } : {}),
            ...(title ? { title } : {}),
            ...(level ? { level } : {}),
            ...(resolvedInVersion !== undefined ? { resolvedInVersion } : {}),
          },
          deps.now(),
        )
      : undefined;
    if (!item) return rollbarError(c, 404, 'Item not found in this project.');
    return c.json({ err: 0, result: itemToRollbarJson(item) });
  });

  app.get('/1/status/ping', (c) => c.text('pong'));
  app.all('/1/*', (c) => rollbarError(c, 404, `no route for ${c.req.method} ${c.req.path}`));
  return app;
}

function isOneOf<T extends string>(values: readonly T[]): (value: string) => value is T {
  return (value): value is T => (values as readonly string[]).includes(value);
}

/** The first problem, with its path, in words a reporter's author can act on. */
function describe(error: z.ZodError): string {
  const { where, message } = firstIssue(error, 'body');
  return `${where}: ${message}`.slice(0, 500);
}
