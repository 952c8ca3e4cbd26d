import type { Activity, ActivityWithReplies } from '../api/activity-schemas.js';
import { ActivityItem } from './activity-item.js';

type FeedEntry = Activity & { replies?: readonly Activity[] };

/** A list of cruds, each with its replies under it. */
export function ActivityFeed({
  activities,
  empty,
  onReplied,
}: {
  activities: readonly FeedEntry[];
  empty: string;
  onReplied?: ((parentUuid: string, reply: Activity) => void) | undefined;
}) {
  if (activities.length === 0) return <p className="empty">{empty}</p>;
  return (
    <div className="feed" data-testid="feed">
      {activities.map((activity) => (
        <div className="thread" key={activity.uuid}>
          <ActivityItem
            activity={activity}
            onReplied={onReplied ? (reply) => onReplied(activity.uuid, reply) : undefined}
          />
          {activity.replies?.map((reply) => (
            <ActivityItem key={reply.uuid} activity={reply} nested />
          ))}
        </div>
      ))}
    </div>
  );
}

/** Adds a reply under its crud (and counts it) without reloading the feed. */
export function withReply(
  feed: ActivityWithReplies[],
  parentUuid: string,
  reply: Activity,
): ActivityWithReplies[] {
  return feed.map((activity) =>
    activity.uuid === parentUuid
      ? {
          ...activity,
          replies_count: activity.replies_count + 1,
          replies: [...activity.replies, reply],
        }
      : activity,
  );
}
