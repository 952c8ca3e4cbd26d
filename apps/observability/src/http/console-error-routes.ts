import { Hono } from 'hono';
import { z } from 'zod';
import { ERROR_ITEM_STATUSES, ERROR_LEVELS } from '../model/error-occurrence.js';
import { parseTraceIdHex } from '../model/ids.js';
import type { AppDeps } from './app-deps.js';
import { describeQueryError } from './console-read-routes.js';
import { requireAccess } from './require-access.js';

const HOUR_MS = 3_600_000;
const SPARKLINE_BUCKETS = 24;

const itemListSchema = z.object({
  status: z.enum(ERROR_ITEM_STATUSES).optional(),
  level: z.enum(ERROR_LEVELS).optional(),
  query: z.string().max(512).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
});

/**
 * What the console's error views need beyond Rollbar's read API: items with a 24-hour
 * sparkline, an item's occurrences with their trace ids, and the occurrences inside one trace.
 */
export function consoleErrorRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.use(
    '*',
    requireAccess(deps.config, 'query', (c, decision) =>
      c.json({ error: 'a query key is required' }, decision === 'missing' ? 401 : 403),
    ),
  );

  app.get('/error-items', async (c) => {
    const parsed = itemListSchema.safeParse(c.req.query());
    if (!parsed.success) return c.json({ error: describeQueryError(parsed.error) }, 400);
    const { status, level, query, page } = parsed.data;
    // Whole hours, so the sparkline's buckets do not shift under the user between reloads.
    const endMs = Math.ceil(deps.now() / HOUR_MS) * HOUR_MS;
    const result = await deps.store.errors.listItems({
      ...(status ? { statuses: [status] } : {}),
      ...(level ? { levels: [level] } : {}),
      ...(query ? { text: query } : {}),
      page,
      pageSize: 100,
      buckets: { startMs: endMs - SPARKLINE_BUCKETS * HOUR_MS, endMs, count: SPARKLINE_BUCKETS },
    });
    return c.json({
      totalCount: result.totalCount,
      sparkline: { startMs: endMs - SPARKLINE_BUCKETS * HOUR_MS, endMs },
      items: result.items,
    });
  });

  app.get('/error-items/:id/occurrences', async (c) => {
    const id = z.coerce.number().int().positive().safeParse(c.req.param('id'));
    if (!id.success) return c.json({ error: 'item id must be a positive integer' }, 400);
    const page = z.coerce.number().int().min(1).catch(1).parse(c.req.query('page'));
    const occurrences = await deps.store.errors.occurrences(id.data, { page, pageSize: 20 });
    return c.json({ occurrences });
  });

  app.get('/traces/:traceId/errors', async (c) => {
    const traceId = parseTraceIdHex(c.req.param('traceId'));
    if (traceId === undefined) return c.json({ error: 'trace id must be 32 hex characters' }, 400);
    return c.json({ occurrences: await deps.store.errors.traceOccurrences(traceId) });
  });

  return app;
}
