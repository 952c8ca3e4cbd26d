import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { homeFeed } from '../../features/activities/api/activities-api.js';
import { ActivityFeed, withReply } from '../../features/activities/components/activity-feed.js';
import { CrudForm } from '../../features/activities/components/crud-form.js';
import { useSession } from '../../features/auth/session-context.js';
import { useApiData } from '../../lib/use-api-data.js';
import { PageTitle } from './page-title.js';

export function HomeFeedPage() {
  const session = useSession();
  const { state, reload, setData } = useApiData(homeFeed, `home:${session.handle}`);
  return (
    <section>
      <PageTitle title="Home" />
      <CrudForm
        onCreated={(activity) => setData((feed) => [{ ...activity, replies: [] }, ...feed])}
      />
      {state.status === 'loading' ? <LoadingState what="your feed" /> : null}
      {state.status === 'error' ? <ErrorMessage error={state.error} retry={reload} /> : null}
      {state.status === 'ready' ? (
        <ActivityFeed
          activities={state.data}
          empty="Nothing here yet. Post the first crud!"
          onReplied={(parentUuid, reply) => setData((feed) => withReply(feed, parentUuid, reply))}
        />
      ) : null}
    </section>
  );
}
