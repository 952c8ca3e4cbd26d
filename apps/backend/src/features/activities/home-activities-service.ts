import { withServiceSpan } from '../../telemetry/service-span.js';
import type { Actor } from '../users/user.js';
import type { ActivitiesDeps } from './activities-deps.js';
import type { ActivityWithReplies } from './activity.js';
import { withReplies } from './with-replies.js';

/** The home feed: live top-level cruds of everyone, newest first, each with its replies. */
export function homeActivities(deps: ActivitiesDeps, actor: Actor): Promise<ActivityWithReplies[]> {
  const now = deps.now();
  return withServiceSpan({ name: 'home-activities', userHandle: actor?.handle, now }, async () =>
    withReplies(deps.activities, await deps.activities.listHome(now), now),
  );
}
