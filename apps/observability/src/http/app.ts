import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { AppDeps } from './app-deps.js';
import { honeycombEventRoutes } from './honeycomb-event-routes.js';
import { honeycombQueryRoutes } from './honeycomb-query-routes.js';
import { otlpRoutes } from './otlp-routes.js';
import { traceRoutes } from './trace-routes.js';

/** The route table. Builds the app without listening, so tests call it in-process. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();

  // Browsers may send telemetry from the listed origins; reads never answer cross-origin.
  app.use(
    '/v1/*',
    cors({
      origin: [...deps.config.corsOrigins],
      allowMethods: ['POST', 'OPTIONS'],
      allowHeaders: ['content-type', 'content-encoding', 'x-honeycomb-team', 'authorization'],
      maxAge: 600,
    }),
  );

  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.route('/v1', otlpRoutes(deps));
  app.route('/1', honeycombEventRoutes(deps));
  app.route('/1', honeycombQueryRoutes(deps));
  app.route('/api', traceRoutes(deps));
  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404));
  return app;
}
