import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { millisToUnixNanos } from '../model/time.js';
import { createCatalogResolver } from '../query/catalog-resolver.js';
import { listColumns } from '../query/columns-listing.js';
import { compileQuery } from '../query/compile-query.js';
import { queryId } from '../query/query-id.js';
import { parseQuerySpec } from '../query/query-spec.js';
import { QueryValidationError } from '../query/query-validation-error.js';
import { runQuery } from '../query/run-query.js';
import type { AppDeps } from './app-deps.js';
import { keyAccess } from './auth.js';
import { honeycombErrorResponse } from './honeycomb-errors.js';
import { readJson } from './json-body.js';
import { requireAccess } from './require-access.js';

const ALL_DATASETS = '__all__';
/** Query bodies are small; a tight cap keeps a read endpoint from buffering megabytes. */
const MAX_QUERY_BODY_BYTES = 1024 * 1024;

const queryResultRequestSchema = z.object({
  query_id: z.string().min(1),
  disable_series: z.boolean().optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
});

/** Honeycomb's Query Data API, datasets and columns, and `/1/auth`. */
export function honeycombQueryRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError(honeycombErrorResponse);

  app.get('/auth', (c) => {
    const access = keyAccess(deps.config, c.req.raw.headers);
    if (access === undefined)
      return c.json({ error: 'unknown API key - check your credentials' }, 401);
    const query = access === 'query';
    return c.json({
      api_key_access: {
        events: true,
        markers: query,
        triggers: query,
        boards: query,
        queries: query,
        columns: query,
        create_datasets: true,
        slos: query,
        recipients: query,
      },
      environment: { name: 'local', slug: 'local' },
      team: { name: 'Cruddur', slug: 'cruddur' },
    });
  });

  app.use(
    '*',
    requireAccess(
      deps.config,
      'query',
      (c, decision) =>
        c.json(
          { error: 'a key with query access is required' },
          decision === 'missing' ? 401 : 403,
        ),
      (path) => path === '/1/auth',
    ),
  );

  app.get('/datasets', async (c) => {
    const datasets = await deps.store.datasets();
    return c.json(
      datasets.map((d) => ({
        name: d.name,
        slug: d.name,
        description: '',
        expand_json_depth: 0,
        created_at: new Date(d.firstWrittenMs).toISOString(),
        last_written_at: new Date(d.lastWrittenMs).toISOString(),
        settings: { delete_protected: false },
      })),
    );
  });

  app.get('/columns/:dataset', (c) => {
    const datasets = datasetsOf(deps, c.req.param('dataset'));
    if (datasets === undefined) return c.json({ error: 'dataset not found' }, 404);
    const entries = deps.store.columnEntries(datasets);
    const columns = listColumns(createCatalogResolver(entries), new Map(), deps.now());
    const keyName = c.req.query('key_name');
    if (keyName === undefined) return c.json(columns);
    const column = columns.find((col) => col.key_name === keyName);
    return column === undefined ? c.json({ error: 'column not found' }, 404) : c.json(column);
  });

  app.post('/queries/:dataset', async (c) => {
    const dataset = c.req.param('dataset');
    const datasets = datasetsOf(deps, dataset);
    if (datasets === undefined) return c.json({ error: 'dataset not found' }, 404);
    const input = await readJson(c.req.raw, MAX_QUERY_BODY_BYTES);
    compile(deps, datasets, input);
    const id = queryId(dataset, input);
    const saved = { ...(input as object), id };
    await deps.store.saveQuery(dataset, id, JSON.stringify(saved));
    return c.json(saved, 200);
  });

  app.get('/queries/:dataset/:id', async (c) => {
    const saved = await deps.store.savedQuery(c.req.param('dataset'), c.req.param('id'));
    return saved === undefined
      ? c.json({ error: 'query not found' }, 404)
      : c.body(saved, 200, json());
  });

  app.post('/query_results/:dataset', async (c) => {
    const dataset = c.req.param('dataset');
    const datasets = datasetsOf(deps, dataset);
    if (datasets === undefined) return c.json({ error: 'dataset not found' }, 404);
    const request = queryResultRequestSchema.safeParse(
      await readJson(c.req.raw, MAX_QUERY_BODY_BYTES),
    );
    if (!request.success) {
      const issue = request.error.issues[0];
      throw new QueryValidationError(
        issue?.path.join('.') || 'query_id',
        issue?.message ?? 'invalid',
      );
    }
    const saved = await deps.store.savedQuery(dataset, request.data.query_id);
    if (saved === undefined) return c.json({ error: 'query not found' }, 404);
    const spec = JSON.parse(saved) as Record<string, unknown>;
    if (request.data.limit !== undefined) spec.limit = request.data.limit;
    const compiled = compile(deps, datasets, spec, request.data.disable_series);
    const data = await runQuery(compiled, (sql, params) => deps.store.query(sql, params));
    const id = newId();
    const result = {
      id,
      complete: true,
      query_id: request.data.query_id,
      data,
      links: {
        query_url: `/query?dataset=${encodeURIComponent(dataset)}&query_id=${request.data.query_id}`,
        graph_image_url: '',
      },
    };
    const body = JSON.stringify(result);
    deps.store.saveQueryResult(dataset, id, body);
    return c.body(body, 201, json());
  });

  app.get('/query_results/:dataset/:id', async (c) => {
    const saved = deps.store.queryResult(c.req.param('dataset'), c.req.param('id'));
    return saved === undefined
      ? c.json({ error: 'query result not found' }, 404)
      : c.body(saved, 200, json());
  });

  return app;
}

function compile(
  deps: AppDeps,
  datasets: readonly string[] | 'all',
  input: unknown,
  disableSeries = false,
) {
  const spec = parseQuerySpec(input);
  return compileQuery(spec, {
    datasets,
    resolver: createCatalogResolver(deps.store.columnEntries(datasets)),
    now: millisToUnixNanos(deps.now()),
    disableSeries,
  });
}

/** `__all__` is every dataset; a dataset nobody has written to does not exist (404). */
function datasetsOf(deps: AppDeps, dataset: string): readonly string[] | 'all' | undefined {
  if (dataset === ALL_DATASETS) return 'all';
  return deps.store.columnEntries([dataset]).length > 0 ? [dataset] : undefined;
}

function newId(): string {
  return randomBytes(8).toString('base64url');
}

function json(): Record<string, string> {
  return { 'content-type': 'application/json' };
}
