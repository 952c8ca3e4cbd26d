import { Router } from 'express';
import { getCurrentUser } from '../../http/current-user.js';
import { parseRequest } from '../../http/parse-request.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../../http/session.js';
import { createSession, type SessionsDeps } from './create-session-service.js';
import { createSessionBodySchema } from './sessions-schemas.js';

export function sessionsRoutes(deps: SessionsDeps): Router {
  const router = Router();

  router.post('/api/sessions', async (req, res) => {
    const body = parseRequest(createSessionBodySchema, req.body);
    const user = await createSession(deps, body.handle);
    res.cookie(SESSION_COOKIE, user.uuid, sessionCookieOptions(req));
    res.json({ ...user, signed_in: true });
  });

  /** `signed_in: false` means the default user (`andrewbrown`) is answering. */
  router.get('/api/sessions/me', (req, res) => {
    const { user, signedIn } = getCurrentUser(req);
    if (user === undefined) {
      res.status(401).json({ error: 'not_signed_in', message: 'sign in with POST /api/sessions' });
      return;
    }
    res.json({ ...user, signed_in: signedIn });
  });

  router.delete('/api/sessions', (req, res) => {
    // Same path and flags so the browser matches the cookie; not signed, or the "empty" value
    // would carry a signature.
    const { maxAge: _maxAge, signed: _signed, ...options } = sessionCookieOptions(req);
    res.clearCookie(SESSION_COOKIE, options);
    res.status(204).end();
  });

  return router;
}
