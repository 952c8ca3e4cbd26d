import { Hono } from 'hono';
import { parseTraceIdHex } from '../model/ids.js';
import type { AppDeps } from './app-deps.js';
import { requireAccess } from './require-access.js';

/** `GET /api/traces/:traceId`: one trace for the waterfall, parents before children. */
export function traceRoutes(deps: AppDeps): Hono {
  const app = new Hono();

  app.use(
    '*',
    requireAccess(deps.config, 'query', (c, decision) =>
      c.json({ error: 'a query key is required' }, decision === 'missing' ? 401 : 403),
    ),
  );

  app.get('/traces/:traceId', async (c) => {
    const hex = c.req.param('traceId');
    const traceId = parseTraceIdHex(hex);
    if (traceId === undefined) {
      return c.json(
        { error: `trace id must be 32 hex characters, not all zero: "${hex.slice(0, 64)}"` },
        400,
      );
    }
    const trace = await deps.store.trace(traceId);
    if (trace === undefined) return c.json({ error: `trace ${hex.toLowerCase()} not found` }, 404);
    return c.json(trace);
  });

  return app;
}
