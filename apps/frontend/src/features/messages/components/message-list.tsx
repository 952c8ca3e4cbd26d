import { timeAgo } from '../../../lib/relative-time.js';
import type { Message } from '../api/messages-api.js';

export function MessageList({ messages, me }: { messages: readonly Message[]; me: string }) {
  if (messages.length === 0) return <p className="empty">No messages yet: say hello.</p>;
  return (
    <ol className="messages">
      {messages.map((message) => (
        <li
          key={message.uuid}
          className={message.handle === me ? 'message message-mine' : 'message'}
        >
          <span className="display-name">{message.display_name}</span>
          <time dateTime={message.created_at}>{timeAgo(message.created_at)}</time>
          <p>{message.message}</p>
        </li>
      ))}
    </ol>
  );
}
