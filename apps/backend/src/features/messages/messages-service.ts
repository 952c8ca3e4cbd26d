import { NotFoundError, ValidationError } from '../../shared/app-errors.js';
import { withServiceSpan } from '../../telemetry/service-span.js';
import type { Actor } from '../users/user.js';
import type { Message } from './message.js';
import type { MessagesDeps } from './messages-deps.js';

/** The conversation between the current user and `@handle`, oldest first; empty if none yet. */
export function messages(deps: MessagesDeps, actor: Actor, handle: string): Promise<Message[]> {
  const now = deps.now();
  return withServiceSpan({ name: 'messages', userHandle: actor?.handle, now }, async () => {
    if (actor === undefined) throw new ValidationError(['user_handle_blank']);
    const other = await deps.users.findByHandle(handle);
    if (other === undefined) throw new NotFoundError('user_not_found', `no user @${handle}`);
    return deps.messages.listBetween(actor.uuid, other.uuid);
  });
}
