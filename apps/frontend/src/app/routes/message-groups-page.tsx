import { ApiDataView } from '../../components/api-data-view.js';
import { useSession } from '../../features/auth/session-context.js';
import { messageGroups } from '../../features/messages/api/messages-api.js';
import { MessageGroupList } from '../../features/messages/components/message-group-list.js';
import { useApiData } from '../../lib/use-api-data.js';
import { PageTitle } from './page-title.js';

export function MessageGroupsPage() {
  const session = useSession();
  const { state, reload } = useApiData(messageGroups, `groups:${session.handle}`);
  return (
    <section>
      <PageTitle title="Messages" />
      <ApiDataView state={state} what="conversations" retry={reload}>
        {(groups) => <MessageGroupList groups={groups} />}
      </ApiDataView>
    </section>
  );
}
