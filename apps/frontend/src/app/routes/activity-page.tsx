import { useParams } from 'react-router-dom';
import { ApiDataView } from '../../components/api-data-view.js';
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
      <ApiDataView state={state} what="the crud" retry={reload}>
        {(crud) => (
          <ActivityFeed
            activities={[crud]}
            empty=""
            onReplied={(parentUuid, reply) =>
              setData((activity) => withReply([activity], parentUuid, reply)[0] ?? activity)
            }
          />
        )}
      </ApiDataView>
    </section>
  );
}
