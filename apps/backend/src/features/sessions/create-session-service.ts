import { NotFoundError, ValidationError } from '../../shared/app-errors.js';
import { withServiceSpan } from '../../telemetry/service-span.js';
import type { User } from '../users/user.js';
import type { UsersRepository } from '../users/users-repository.js';

export interface SessionsDeps {
  users: UsersRepository;
  now: () => Date;
}

/**
 * Signing in as a seeded user by handle alone: there are no passwords yet (Cognito comes in a
 * later issue), so this only chooses who the app acts as.
 */
export function createSession(deps: SessionsDeps, handle: string | undefined): Promise<User> {
  const cleaned = handle?.trim().toLowerCase() ?? '';
  return withServiceSpan(
    { name: 'create-session', userHandle: cleaned === '' ? undefined : cleaned, now: deps.now() },
    async () => {
      if (cleaned === '') throw new ValidationError(['handle_blank']);
      const user = await deps.users.findByHandle(cleaned);
      if (user === undefined) throw new NotFoundError('user_not_found', `no user @${cleaned}`);
      return user;
    },
  );
}
