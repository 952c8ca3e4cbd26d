import {
  createLogger,
  disabledErrorReporter,
  type ErrorReporter,
  type Logger,
} from '@cruddur/telemetry/node';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import express, { type Express } from 'express';
import type { Database } from './db/database.js';
import { createActivitiesRepository } from './features/activities/activities-repository.js';
import { activitiesRoutes } from './features/activities/activities-routes.js';
import { healthRoutes } from './features/health/health-routes.js';
import { createMessagesRepository } from './features/messages/messages-repository.js';
import { messagesRoutes } from './features/messages/messages-routes.js';
import { rollbarRoutes } from './features/rollbar/rollbar-routes.js';
import { sessionsRoutes } from './features/sessions/sessions-routes.js';
import { createUsersRepository } from './features/users/users-repository.js';
import { accessLog } from './http/access-log.js';
import { createErrorHandler, notFoundHandler } from './http/error-handler.js';
import { requireJson } from './http/require-json.js';
import { sessionMiddleware } from './http/session.js';
import { traceContextMiddleware } from './http/trace-context.js';

export interface AppDeps {
  db: Database;
  corsOrigins: readonly string[];
  sessionSecret: string;
  /** Who the app acts as without a session, as the original did; undefined requires sign-in. */
  defaultUserHandle?: string | undefined;
  /** The clock for `created_at`, expiry and `app.now`; tests pass a fixed one. */
  now?: () => Date;
  /** The structured logger (access log, failures); silent when absent. */
  logger?: Logger;
  /** Where unexpected errors are reported; nowhere when absent. */
  errors?: ErrorReporter;
  /** Mounts `GET /rollbar/error`, which fails on purpose (development). */
  rollbarTestRoutes?: boolean;
}

/** Request bodies are one short message; anything larger is a mistake or an attack (413). */
const JSON_BODY_LIMIT = '16kb';

/** Builds the API without listening, so tests and `main.ts` compose it the same way. */
export function createApp(deps: AppDeps): Express {
  const users = createUsersRepository(deps.db);
  const activities = createActivitiesRepository(deps.db);
  const messages = createMessagesRepository(deps.db);
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger ?? createLogger({ level: 'silent' });
  const errors = deps.errors ?? disabledErrorReporter;

  const app = express();
  app.disable('x-powered-by');
  app.use(traceContextMiddleware);
  app.use(accessLog(logger));
  app.use(
    cors({
      origin: [...deps.corsOrigins],
      credentials: true,
      // What a traced browser sends; without them the preflight fails and the trace breaks.
      allowedHeaders: ['content-type', 'traceparent', 'tracestate'],
      // DELETE beyond the original's list: signing out is DELETE /api/sessions.
      methods: ['OPTIONS', 'GET', 'HEAD', 'POST', 'DELETE'],
    }),
  );
  app.use(express.json({ limit: JSON_BODY_LIMIT }));
  app.use(requireJson);
  app.use(cookieParser(deps.sessionSecret));
  app.use(healthRoutes());
  app.use(
    sessionMiddleware({
      users,
      defaultUserHandle: 'defaultUserHandle' in deps ? deps.defaultUserHandle : 'andrewbrown',
    }),
  );
  app.use(rollbarRoutes({ errors, testRoutes: deps.rollbarTestRoutes ?? false }));
  app.use(sessionsRoutes({ users, now }));
  app.use(activitiesRoutes({ activities, users, now }));
  app.use(messagesRoutes({ messages, users, now }));
  app.use(notFoundHandler);
  app.use(createErrorHandler({ logger, errors }));
  return app;
}
