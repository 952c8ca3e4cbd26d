import { NotFoundError } from '../../shared/app-errors.js';
import { withServiceSpan } from '../../telemetry/service-span.js';
import { tracer } from '../../telemetry/tracer.js';
import type { Actor } from '../users/user.js';
import type { ActivitiesDeps } from './activities-deps.js';
import type { ActivityWithReplies } from './activity.js';
import { withReplies } from './with-replies.js';

/**
 * One user's live cruds, newest first. The child span stands in for the original's `mock-data`
 * X-Ray subsegment: its `aws.xray.metadata.default` attribute becomes that subsegment's metadata
 * (`now`, `results-size`) in the X-Ray export.
 */
export function userActivities(
  deps: ActivitiesDeps,
  actor: Actor,
  handle: string,
): Promise<ActivityWithReplies[]> {
  const now = deps.now();
  return withServiceSpan({ name: 'user-activities', userHandle: actor?.handle, now }, async () => {
    const user = await deps.users.findByHandle(handle);
    if (user === undefined) throw new NotFoundError('user_not_found', `no user @${handle}`);
    return tracer.startActiveSpan('user-activities-data', async (span) => {
      try {
        const results = await withReplies(
          deps.activities,
          await deps.activities.listByUser(user.uuid, now),
          now,
        );
        const nowIso = now.toISOString();
        span.setAttributes({
          'app.now': nowIso,
          'app.results_size': results.length,
          'aws.xray.metadata.default': JSON.stringify({
            now: nowIso,
            'results-size': results.length,
          }),
          ...(actor === undefined ? {} : { 'app.user_handle': actor.handle }),
        });
        return results;
      } finally {
        span.end();
      }
    });
  });
}
