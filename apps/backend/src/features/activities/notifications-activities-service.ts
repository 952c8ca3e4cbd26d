import { ValidationError } from '../../shared/app-errors.js';
import { withServiceSpan } from '../../telemetry/service-span.js';
import type { Actor } from '../users/user.js';
import type { ActivitiesDeps } from './activities-deps.js';
import type { Activity } from './activity.js';

/** Live cruds by others that mention `@handle` or reply to one of the current user's cruds. */
export function notificationsActivities(deps: ActivitiesDeps, actor: Actor): Promise<Activity[]> {
  const now = deps.now();
  return withServiceSpan(
    { name: 'notifications-activities', userHandle: actor?.handle, now },
    async () => {
      if (actor === undefined) throw new ValidationError(['user_handle_blank']);
      return deps.activities.listMentioningOrReplyingTo(actor, now);
    },
  );
}
