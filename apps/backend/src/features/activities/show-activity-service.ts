import { NotFoundError } from '../../shared/app-errors.js';
import { withServiceSpan } from '../../telemetry/service-span.js';
import type { Actor } from '../users/user.js';
import type { ActivitiesDeps } from './activities-deps.js';
import type { ActivityWithReplies } from './activity.js';
import { withReplies } from './with-replies.js';

/** One live crud with its replies; an expired one is gone, as in the feed. */
export function showActivity(
  deps: ActivitiesDeps,
  actor: Actor,
  uuid: string,
): Promise<ActivityWithReplies> {
  const now = deps.now();
  return withServiceSpan({ name: 'show-activity', userHandle: actor?.handle, now }, async () => {
    const activity = await deps.activities.findLive(uuid, now);
    if (activity === undefined) throw new NotFoundError('activity_not_found', `no crud ${uuid}`);
    const [withItsReplies] = await withReplies(deps.activities, [activity], now);
    return withItsReplies!;
  });
}
