import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { xrayHealth } from '../xray/xray-services.js';
import type { AppDeps } from './app-deps.js';
import { cloudWatchLogsRoutes } from './cloudwatch-logs-routes.js';
import { consoleErrorRoutes } from './console-error-routes.js';
import { consoleReadRoutes } from './console-read-routes.js';
import { consoleRoutes } from './console-routes.js';
import { honeycombEventRoutes } from './honeycomb-event-routes.js';
import { honeycombQueryRoutes } from './honeycomb-query-routes.js';
import { otlpRoutes } from './otlp-routes.js';
import { rollbarRoutes } from './rollbar-routes.js';
import { traceRoutes } from './trace-routes.js';
import { xrayRoutes } from './xray-routes.js';

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

  app.get('/health', (c) =>
    c.json({ status: 'ok', ingest: deps.store.ingestStats(), xray: xrayHealth(deps.xray) }),
  );
  app.route('/v1', otlpRoutes(deps));
  app.route('/1', honeycombEventRoutes(deps));
  app.route('/1', honeycombQueryRoutes(deps));
  // Before the other /api routes: their query-key middleware must not see Rollbar's requests.
  app.route('/api', rollbarRoutes(deps));
  app.route('/api', traceRoutes(deps));
  app.route('/', xrayRoutes(deps));
  app.route('/', cloudWatchLogsRoutes(deps));
  app.route('/api', consoleReadRoutes(deps));
  app.route('/api', consoleErrorRoutes(deps));
  app.route('/', consoleRoutes());
  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404));
  return app;
}
