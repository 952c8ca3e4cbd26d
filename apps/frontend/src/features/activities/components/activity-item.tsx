import { useState } from 'react';
import { Link } from 'react-router-dom';
import { timeAgo, timeLeft } from '../../../lib/relative-time.js';
import type { Activity } from '../api/activity-schemas.js';
import { ReplyForm } from './reply-form.js';

/** One crud: who, what, how old, how long it has left, and its reply form on demand. */
export function ActivityItem({
  activity,
  onReplied,
  nested = false,
}: {
  activity: Activity;
  onReplied?: ((reply: Activity) => void) | undefined;
  nested?: boolean;
}) {
  const [replying, setReplying] = useState(false);
  return (
    <article
      className={nested ? 'activity activity-reply' : 'activity'}
      data-testid="activity"
      aria-label={`Crud by @${activity.handle}`}
    >
      <header className="activity-meta">
        <Link className="display-name" to={`/@${activity.handle}`}>
          {activity.display_name}
        </Link>
        <Link className="handle" to={`/@${activity.handle}`}>
          @{activity.handle}
        </Link>
        <Link
          className="time"
          to={`/@${activity.handle}/status/${activity.uuid}`}
          title={new Date(activity.created_at).toLocaleString()}
        >
          <time dateTime={activity.created_at}>{timeAgo(activity.created_at)}</time>
        </Link>
        <span
          className="expires"
          title={`expires ${new Date(activity.expires_at).toLocaleString()}`}
        >
          expires in {timeLeft(activity.expires_at)}
        </span>
      </header>
      <p className="activity-message">{activity.message}</p>
      {nested || !onReplied ? null : (
        <footer className="activity-actions">
          <button
            type="button"
            className="action"
            aria-expanded={replying}
            onClick={() => setReplying((open) => !open)}
          >
            Reply{activity.replies_count > 0 ? ` · ${activity.replies_count}` : ''}
          </button>
          <span className="action-count" title="reposts">
            ↻ {activity.reposts_count}
          </span>
          <span className="action-count" title="likes">
            ♥ {activity.likes_count}
          </span>
        </footer>
      )}
      {replying && onReplied ? (
        <ReplyForm
          activity={activity}
          onCancel={() => setReplying(false)}
          onReplied={(reply) => {
            setReplying(false);
            onReplied(reply);
          }}
        />
      ) : null}
    </article>
  );
}
