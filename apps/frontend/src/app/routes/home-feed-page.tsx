import { ApiDataView } from '../../components/api-data-view.js';
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
      <ApiDataView state={state} what="your feed" retry={reload}>
        {(feed) => (
          <ActivityFeed
            activities={feed}
            empty="Nothing here yet. Post the first crud!"
            onReplied={(parentUuid, reply) => setData((data) => withReply(data, parentUuid, reply))}
          />
        )}
      </ApiDataView>
    </section>
  );
}
