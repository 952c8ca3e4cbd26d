import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
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
      {state.status === 'loading' ? <LoadingState what={`@${handle}'s cruds`} /> : null}
      {state.status === 'error' ? <ErrorMessage error={state.error} retry={reload} /> : null}
      {state.status === 'ready' ? (
        <ActivityFeed
          activities={state.data}
          empty={`@${handle} has no live cruds.`}
          onReplied={(parentUuid, reply) => setData((feed) => withReply(feed, parentUuid, reply))}
        />
      ) : null}
    </section>
  );
}
