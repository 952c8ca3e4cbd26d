import type { Request } from 'express';
import type { User } from '../features/users/user.js';

/**
 * The user a request acts as, resolved once by the session middleware. `signedIn` is false for
 * the default user (the original app acted as `andrewbrown` before sign-in existed); `user` is
 * undefined when there is neither a session nor a default user.
 */
export interface CurrentUser {
  user: User | undefined;
  signedIn: boolean;
}

const currentUsers = new WeakMap<Request, CurrentUser>();

export function setCurrentUser(req: Request, current: CurrentUser): void {
  currentUsers.set(req, current);
}

export function getCurrentUser(req: Request): CurrentUser {
  return currentUsers.get(req) ?? { user: undefined, signedIn: false };
}
