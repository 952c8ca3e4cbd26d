import { context, trace } from '@opentelemetry/api';
import { getRPCMetadata } from '@opentelemetry/core';
import type { CookieOptions, NextFunction, Request, Response } from 'express';
import type { UsersRepository } from '../features/users/users-repository.js';
import { USER_HANDLE_KEY, withUserHandle } from '../telemetry/user-baggage.js';
import { setCurrentUser } from './current-user.js';

export const SESSION_COOKIE = 'cruddur_session';
const SESSION_MAX_AGE_MS = 30 * 24 * 3_600_000;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function sessionCookieOptions(req: Request): CookieOptions {
  return {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    maxAge: SESSION_MAX_AGE_MS,
  };
}

export interface SessionOptions {
  users: UsersRepository;
  /** Acted as when there is no valid session; undefined requires signing in. */
  defaultUserHandle: string | undefined;
}

/**
 * Resolves the current user from the signed session cookie (its value is the user's uuid; the
 * signature from cookie-parser makes it unforgeable) and runs the rest of the request with the
 * handle in baggage, so every span below carries `app.user_handle`. A tampered cookie
 * (cookie-parser yields `false`) or a deleted user falls back to the default user.
 */
export function sessionMiddleware(options: SessionOptions) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const raw: unknown = req.signedCookies?.[SESSION_COOKIE];
    let user =
      typeof raw === 'string' && UUID_PATTERN.test(raw)
        ? await options.users.findByUuid(raw)
        : undefined;
    const signedIn = user !== undefined;
    if (user === undefined && options.defaultUserHandle !== undefined) {
      user = await options.users.findByHandle(options.defaultUserHandle);
    }
    setCurrentUser(req, { user, signedIn });
    // Tag the HTTP server span too. The active span here is Express's middleware span; the server
    // span is the one the http instrumentation recorded in the request's RPC metadata.
    if (user !== undefined) {
      const serverSpan = getRPCMetadata(context.active())?.span ?? trace.getActiveSpan();
      serverSpan?.setAttribute(USER_HANDLE_KEY, user.handle);
    }
    context.with(withUserHandle(context.active(), user?.handle), next);
  };
}
