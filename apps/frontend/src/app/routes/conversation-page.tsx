import { ApiDataView } from '../../components/api-data-view.js';
import { useSession } from '../../features/auth/session-context.js';
import { conversation } from '../../features/messages/api/messages-api.js';
import { MessageForm } from '../../features/messages/components/message-form.js';
import { MessageList } from '../../features/messages/components/message-list.js';
import { useApiData } from '../../lib/use-api-data.js';
import { useHandleParam } from './handle-param.js';
import { NotFoundPage } from './not-found-page.js';
import { PageTitle } from './page-title.js';

export function ConversationPage() {
  const handle = useHandleParam();
  if (handle === undefined) return <NotFoundPage />;
  return <Conversation handle={handle} />;
}

function Conversation({ handle }: { handle: string }) {
  const session = useSession();
  const { state, reload, setData } = useApiData(
    (signal) => conversation(handle, signal),
    `conversation:${session.handle}:${handle}`,
  );
  return (
    <section>
      <PageTitle title={`Messages with @${handle}`} />
      <ApiDataView state={state} what="the conversation" retry={reload}>
        {(messages) => (
          <>
            <MessageList messages={messages} me={session.handle} />
            <MessageForm
              receiverHandle={handle}
              onSent={(message) => setData((data) => [...data, message])}
            />
          </>
        )}
      </ApiDataView>
    </section>
  );
}
