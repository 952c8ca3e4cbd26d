import type { Context, MiddlewareHandler } from 'hono';
import { type Access, type AccessDecision, type ApiKeys, checkAccess } from './auth.js';

/**
 * Lets a request through when its key grants `need`; otherwise answers with `deny`, so each
 * protocol refuses in its own error format. `skip` exempts paths such as `/1/auth`.
 */
export function requireAccess(
  keys: ApiKeys,
  need: Access,
  deny: (c: Context, decision: Exclude<AccessDecision, 'allowed'>) => Response,
  skip: (path: string) => boolean = () => false,
): MiddlewareHandler {
  return async (c, next) => {
    if (skip(c.req.path)) return next();
    const decision = checkAccess(keys, c.req.raw.headers, need);
    if (decision === 'allowed') return next();
    return deny(c, decision);
  };
}
