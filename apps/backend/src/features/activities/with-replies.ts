import type { ActivitiesRepository } from './activities-repository.js';
import type { Activity, ActivityWithReplies } from './activity.js';

/** Attaches live replies to each activity with one query for the whole page, not one per crud. */
export async function withReplies(
  activities: ActivitiesRepository,
  parents: readonly Activity[],
  now: Date,
): Promise<ActivityWithReplies[]> {
  const replies = await activities.listReplies(
    parents.map((parent) => parent.uuid),
    now,
  );
  const byParent = new Map<string, Activity[]>();
  for (const reply of replies) {
    const parentUuid = reply.reply_to_activity_uuid ?? '';
    byParent.set(parentUuid, [...(byParent.get(parentUuid) ?? []), reply]);
  }
  return parents.map((parent) => ({ ...parent, replies: byParent.get(parent.uuid) ?? [] }));
}
