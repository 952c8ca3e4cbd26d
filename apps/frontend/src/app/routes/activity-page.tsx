import { useParams } from 'react-router-dom';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { showActivity } from '../../features/activities/api/activities-api.js';
import { ActivityFeed, withReply } from '../../features/activities/components/activity-feed.js';
import { useApiData } from '../../lib/use-api-data.js';
import { PageTitle } from './page-title.js';

/** One crud with its replies: `/@handle/status/:uuid`. */
export function ActivityPage() {
  const uuid = useParams().uuid ?? '';
  const { state, reload, setData } = useApiData(
    (signal) => showActivity(uuid, signal),
    `activity:${uuid}`,
  );
  return (
    <section>
      <PageTitle title="Crud" />
      {state.status === 'loading' ? <LoadingState what="the crud" /> : null}
      {state.status === 'error' ? <ErrorMessage error={state.error} retry={reload} /> : null}
      {state.status === 'ready' ? (
        <ActivityFeed
          activities={[state.data]}
          empty=""
          onReplied={(parentUuid, reply) =>
            setData((activity) => withReply([activity], parentUuid, reply)[0] ?? activity)
          }
        />
      ) : null}
    </section>
  );
}
