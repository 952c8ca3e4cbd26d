import { ValidationError } from '../../shared/app-errors.js';
import { withServiceSpan } from '../../telemetry/service-span.js';
import type { Actor } from '../users/user.js';
import type { ActivitiesDeps } from './activities-deps.js';
import type { Activity } from './activity.js';

/** Live cruds (replies included) whose text contains `term`, case-insensitively. */
export function searchActivities(
  deps: ActivitiesDeps,
  actor: Actor,
  term: string | undefined,
): Promise<Activity[]> {
  const now = deps.now();
  return withServiceSpan(
    { name: 'search-activities', userHandle: actor?.handle, now },
    async () => {
      const trimmed = term?.trim() ?? '';
      if (trimmed === '') throw new ValidationError(['search_term_blank']);
      return deps.activities.search(trimmed, now);
    },
  );
}
