import { Hono } from 'hono';
import { z } from 'zod';
import type {
  OverviewView,
  ServiceMapView,
  TraceLogsResult,
  TraceSearchResult,
} from '../contract/console-api.js';
import { parseTraceIdHex } from '../model/ids.js';
import { STATUS_CODES } from '../model/span.js';
import { millisToUnixNanos } from '../model/time.js';
import { firstIssue } from '../receivers/first-issue.js';
import { readDatasetSummaries, readRecentErrorSpans } from '../store/overview-reader.js';
import { readServiceMap } from '../store/service-map-reader.js';
import { readTraceLogs } from '../store/trace-logs-reader.js';
import { searchTraces } from '../store/trace-search-reader.js';
import type { AppDeps } from './app-deps.js';
import { requireAccess } from './require-access.js';

const DEFAULT_WINDOW_MS = 2 * 60 * 60 * 1000;
const MAX_TRACES = 500;

const windowSchema = {
  start: z.coerce.number().int().nonnegative().optional(),
  end: z.coerce.number().int().nonnegative().optional(),
};

const traceSearchSchema = z.object({
  ...windowSchema,
  service: z.string().max(512).optional(),
  name: z.string().max(512).optional(),
  minMs: z.coerce.number().nonnegative().optional(),
  maxMs: z.coerce.number().nonnegative().optional(),
  status: z.enum(STATUS_CODES).optional(),
  attr: z
    .string()
    .max(2048)
    .regex(/^[^=]+=/, 'attr must be key=value')
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_TRACES).default(50),
});

const serviceMapSchema = z.object(windowSchema);

/**
 * The console's read endpoints: trace search, the service map, the overview and a trace's logs.
 * Times are milliseconds since the epoch (`start`, `end`); the window defaults to the last 2 h.
 */
export function consoleReadRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const run = (sql: string, params?: readonly unknown[]) => deps.store.query(sql, params);

  app.use(
    '*',
    requireAccess(deps.config, 'query', (c, decision) =>
      c.json({ error: 'a query key is required' }, decision === 'missing' ? 401 : 403),
    ),
  );

  app.get('/traces', async (c) => {
    const parsed = traceSearchSchema.safeParse(c.req.query());
    if (!parsed.success) return c.json({ error: describeQueryError(parsed.error) }, 400);
    const q = parsed.data;
    const window = windowOf(q, deps.now());
    if (window === undefined) return c.json({ error: 'start must be before end' }, 400);
    const separator = q.attr?.indexOf('=') ?? -1;
    const traces = await searchTraces(run, deps.store.catalog.physicalColumns('spans'), {
      ...window,
      service: q.service || undefined,
      name: q.name || undefined,
      minMs: q.minMs,
      maxMs: q.maxMs,
      status: q.status,
      attribute:
        q.attr === undefined
          ? undefined
          : { key: q.attr.slice(0, separator).trim(), value: q.attr.slice(separator + 1) },
      limit: q.limit,
    });
    return c.json({ traces } satisfies TraceSearchResult);
  });

  app.get('/traces/:traceId/logs', async (c) => {
    const traceId = parseTraceIdHex(c.req.param('traceId'));
    if (traceId === undefined) return c.json({ error: 'trace id must be 32 hex characters' }, 400);
    return c.json({ logs: await readTraceLogs(run, traceId) } satisfies TraceLogsResult);
  });

  app.get('/service-map', async (c) => {
    const parsed = serviceMapSchema.safeParse(c.req.query());
    if (!parsed.success) return c.json({ error: describeQueryError(parsed.error) }, 400);
    const window = windowOf(parsed.data, deps.now());
    if (window === undefined) return c.json({ error: 'start must be before end' }, 400);
    const view = await readServiceMap(
      run,
      deps.store.catalog.physicalColumns('spans'),
      window.startNanos,
      window.endNanos,
    );
    return c.json(view satisfies ServiceMapView);
  });

  app.get('/overview', async (c) => {
    const now = deps.now();
    const [datasets, recentErrorSpans] = await Promise.all([
      readDatasetSummaries(run),
      readRecentErrorSpans(run, 10),
    ]);
    // Recent means recent to the data: a store filled yesterday still shows its traces, and
    // an hour before the newest write keeps the search small on a store of millions of spans.
    const newest = Math.max(...datasets.map((d) => d.lastWrittenMs));
    const recentTraces =
      datasets.length === 0
        ? []
        : await searchTraces(run, new Map(), {
            startNanos: millisToUnixNanos(newest - 3_600_000),
            endNanos: millisToUnixNanos(Math.max(newest, now) + 60_000),
            limit: 10,
          });
    return c.json({ datasets, recentTraces, recentErrorSpans } satisfies OverviewView);
  });

  return app;
}

function windowOf(q: { start?: number | undefined; end?: number | undefined }, nowMs: number) {
  const end = q.end ?? nowMs;
  const start = q.start ?? end - DEFAULT_WINDOW_MS;
  if (start >= end) return undefined;
  return { startNanos: millisToUnixNanos(start), endNanos: millisToUnixNanos(end) };
}

export function describeQueryError(error: z.ZodError): string {
  const { where, message } = firstIssue(error, 'query');
  return `${where}: ${message}`;
}
