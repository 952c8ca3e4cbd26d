import { ApiDataView } from '../../components/api-data-view.js';
import { userFeed } from '../../features/activities/api/activities-api.js';
import { ActivityFeed, withReply } from '../../features/activities/components/activity-feed.js';
import { useApiData } from '../../lib/use-api-data.js';
import { useHandleParam } from './handle-param.js';
import { NotFoundPage } from './not-found-page.js';
import { PageTitle } from './page-title.js';

export function UserFeedPage() {
  const handle = useHandleParam();
  if (handle === undefined) return <NotFoundPage />;
  return <UserFeed handle={handle} />;
}

function UserFeed({ handle }: { handle: string }) {
  const { state, reload, setData } = useApiData(
    (signal) => userFeed(handle, signal),
    `user:${handle}`,
  );
  return (
    <section>
      <PageTitle title={`@${handle}`} />
      <ApiDataView state={state} what={`@${handle}'s cruds`} retry={reload}>
        {(feed) => (
          <ActivityFeed
            activities={feed}
            empty={`@${handle} has no live cruds.`}
            onReplied={(parentUuid, reply) => setData((data) => withReply(data, parentUuid, reply))}
          />
        )}
      </ApiDataView>
    </section>
  );
}
