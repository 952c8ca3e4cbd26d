import { ApiDataView } from '../../components/api-data-view.js';
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
      <ApiDataView state={state} what="notifications" retry={reload}>
        {(feed) => <ActivityFeed activities={feed} empty="No notifications. All quiet." />}
      </ApiDataView>
    </section>
  );
}
