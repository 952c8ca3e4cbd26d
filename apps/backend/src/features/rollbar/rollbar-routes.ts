import type { ErrorReporter } from '@cruddur/telemetry/node';
import { Router } from 'express';
import { getCurrentUser } from '../../http/current-user.js';
import { reportedRequest } from '../../http/reported-request.js';

export interface RollbarRoutesDeps {
  errors: ErrorReporter;
  /** Mounts `GET /rollbar/error`, which fails on purpose. */
  testRoutes: boolean;
}

/** Thrown by `GET /rollbar/error`, to watch an unexpected error travel to Rollbar. */
export class RollbarTestError extends Error {
  override readonly name = 'RollbarTestError';
}

/**
 * `GET /rollbar/test` reports the warning `Hello World!` and answers it, as the original
 * Cruddur's route did; `GET /rollbar/error` (development only, by default) throws, so a 500 and
 * its Rollbar item can be seen end to end.
 */
export function rollbarRoutes(deps: RollbarRoutesDeps): Router {
  const router = Router();
  router.get('/rollbar/test', (req, res) => {
    const handle = getCurrentUser(req).user?.handle;
    deps.errors.message('warning', 'Hello World!', {
      request: reportedRequest(req),
      ...(handle === undefined ? {} : { person: { id: handle, username: handle } }),
    });
    res.type('text/plain').send('Hello World!');
  });
  if (deps.testRoutes) {
    router.get('/rollbar/error', () => {
      throw new RollbarTestError('Rollbar test error: thrown on purpose by GET /rollbar/error');
    });
  }
  return router;
}
