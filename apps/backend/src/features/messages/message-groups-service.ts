import { ValidationError } from '../../shared/app-errors.js';
import { withServiceSpan } from '../../telemetry/service-span.js';
import type { Actor } from '../users/user.js';
import type { MessageGroup } from './message.js';
import type { MessagesDeps } from './messages-deps.js';

/** The current user's conversations, most recently active first. */
export function messageGroups(deps: MessagesDeps, actor: Actor): Promise<MessageGroup[]> {
  const now = deps.now();
  return withServiceSpan({ name: 'message-groups', userHandle: actor?.handle, now }, async () => {
    if (actor === undefined) throw new ValidationError(['user_handle_blank']);
    return deps.messages.listGroups(actor.uuid);
  });
}
