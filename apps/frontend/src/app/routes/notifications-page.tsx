import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { notificationsFeed } from '../../features/activities/api/activities-api.js';
import { ActivityFeed } from '../../features/activities/components/activity-feed.js';
import { useSession } from '../../features/auth/session-context.js';
import { useApiData } from '../../lib/use-api-data.js';
import { PageTitle } from './page-title.js';

export function NotificationsPage() {
  const session = useSession();
  const { state, reload } = useApiData(notificationsFeed, `notifications:${session.handle}`);
  return (
    <section>
      <PageTitle title="Notifications" />
      {state.status === 'loading' ? <LoadingState what="notifications" /> : null}
      {state.status === 'error' ? <ErrorMessage error={state.error} retry={reload} /> : null}
      {state.status === 'ready' ? (
        <ActivityFeed activities={state.data} empty="No notifications. All quiet." />
      ) : null}
    </section>
  );
}
