import type { UsersRepository } from '../users/users-repository.js';
import type { ActivitiesRepository } from './activities-repository.js';

/** What every activities service receives; `now` is injectable so tests control expiry. */
export interface ActivitiesDeps {
  activities: ActivitiesRepository;
  users: UsersRepository;
  now: () => Date;
}
