import { Hono } from 'hono';
import type { Attributes } from '../model/attributes.js';
import type { PlainEvent } from '../model/plain-event.js';
import type { Span } from '../model/span.js';
import type { TelemetryBatch } from '../model/telemetry-batch.js';
import type { UnixNanos } from '../model/time.js';
import {
  type HoneycombFields,
  honeycombBatchEventSchema,
  honeycombBatchSchema,
  honeycombFieldsSchema,
} from '../receivers/honeycomb/honeycomb-event-schema.js';
import { honeycombEventTime } from '../receivers/honeycomb/honeycomb-event-time.js';
import { honeycombEventToModel } from '../receivers/honeycomb/honeycomb-event-to-model.js';
import type { AppDeps } from './app-deps.js';
import { honeycombErrorResponse } from './honeycomb-errors.js';
import { readJson } from './json-body.js';
import { requireAccess } from './require-access.js';

type EventStatus = { status: 202 } | { status: 400; error: string };

/** Honeycomb's Events API as libhoney uses it: `/1/events/:dataset` and `/1/batch/:dataset`. */
export function honeycombEventRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError(honeycombErrorResponse);

  app.use(
    '*',
    requireAccess(deps.config, 'ingest', (c) =>
      c.json({ error: 'unknown API key - check your credentials' }, 401),
    ),
  );

  app.post('/events/:dataset', async (c) => {
    const body = await readJson(c.req.raw, deps.config.maxBodyBytes);
    const fields = honeycombFieldsSchema.safeParse(body);
    if (!fields.success)
      return c.json({ error: 'request body must be a JSON object of fields' }, 400);
    const time = honeycombEventTime(c.req.header('x-honeycomb-event-time'), deps.now());
    const [status] = await store(deps, c.req.param('dataset'), [{ fields: fields.data, time }]);
    if (status?.status !== 202) return c.json({ error: status?.error }, 400);
    return c.body(null, 200);
  });

  app.post('/batch/:dataset', async (c) => {
    const body = await readJson(c.req.raw, deps.config.maxBodyBytes);
    const list = honeycombBatchSchema.safeParse(body);
    if (!list.success) {
      return c.json({ error: 'request body is malformed and cannot be read as JSON array' }, 400);
    }
    const items = list.data.map((raw) => {
      const parsed = honeycombBatchEventSchema.safeParse(raw);
      if (!parsed.success) return undefined;
      return { fields: parsed.data.data, time: honeycombEventTime(parsed.data.time, deps.now()) };
    });
    return c.json(await store(deps, c.req.param('dataset'), items), 200);
  });

  return app;
}

/** Maps each event, stores all accepted ones in one commit, and answers per event, in order. */
async function store(
  deps: AppDeps,
  dataset: string,
  items: readonly ({ fields: HoneycombFields; time: UnixNanos } | undefined)[],
): Promise<EventStatus[]> {
  const spans: Span[] = [];
  const events: PlainEvent[] = [];
  const statuses: EventStatus[] = items.map((item) => {
    if (item === undefined)
      return { status: 400, error: 'Request body is malformed and cannot be read.' };
    const mapped = honeycombEventToModel(item.fields, item.time);
    if (mapped.kind === 'rejected') return { status: 400, error: mapped.error };
    if (mapped.kind === 'span') spans.push(mapped.span);
    else events.push(mapped.event);
    return { status: 202 };
  });
  const resource: Attributes = new Map([['service.name', dataset]]);
  const origin = {
    resource,
    scope: { name: 'libhoney', version: '', attributes: new Map() },
    schemaUrl: '',
  };
  const batch: TelemetryBatch = {
    source: 'honeycomb',
    spanGroups: spans.length > 0 ? [{ origin, spans }] : [],
    logGroups: [],
    eventGroups: events.length > 0 ? [{ origin, events }] : [],
  };
  await deps.store.ingest(batch);
  return statuses;
}
