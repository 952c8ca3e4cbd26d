import { Router } from 'express';

/** Liveness only: the process answers. It touches no database, so it stays cheap to poll. */
export function healthRoutes(): Router {
  const router = Router();
  router.get('/api/health', (_req, res) => {
    res.json({ success: true, ver: 1 });
  });
  // Reserved for the Rollbar issue, which will raise a test error here.
  router.get('/rollbar/test', (_req, res) => {
    res.status(501).json({ error: 'not_implemented', message: 'Rollbar is not wired yet' });
  });
  return router;
}
