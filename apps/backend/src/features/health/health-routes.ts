import { Router } from 'express';

/** Liveness only: the process answers. It touches no database, so it stays cheap to poll. */
export function healthRoutes(): Router {
  const router = Router();
  router.get('/api/health', (_req, res) => {
    res.json({ success: true, ver: 1 });
  });
  return router;
}
