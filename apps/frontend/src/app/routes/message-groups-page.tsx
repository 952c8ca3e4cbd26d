import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
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
      {state.status === 'loading' ? <LoadingState what="conversations" /> : null}
      {state.status === 'error' ? <ErrorMessage error={state.error} retry={reload} /> : null}
      {state.status === 'ready' ? <MessageGroupList groups={state.data} /> : null}
    </section>
  );
}
