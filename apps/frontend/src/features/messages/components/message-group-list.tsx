import { NavLink } from 'react-router-dom';
import { timeAgo } from '../../../lib/relative-time.js';
import type { MessageGroup } from '../api/messages-api.js';

export function MessageGroupList({ groups }: { groups: readonly MessageGroup[] }) {
  if (groups.length === 0) return <p className="empty">No conversations yet.</p>;
  return (
    <nav className="message-groups" aria-label="Conversations">
      {groups.map((group) => (
        <NavLink key={group.uuid} className="message-group" to={`/messages/@${group.handle}`}>
          <span className="display-name">{group.display_name}</span>
          <span className="handle">@{group.handle}</span>
          <time dateTime={group.created_at}>{timeAgo(group.created_at)}</time>
          <span className="message-preview">{group.message}</span>
        </NavLink>
      ))}
    </nav>
  );
}
