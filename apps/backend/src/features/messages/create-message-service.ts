import { NotFoundError, ValidationError } from '../../shared/app-errors.js';
import { messageErrorCodes } from '../../shared/message-rules.js';
import { withServiceSpan } from '../../telemetry/service-span.js';
import type { Actor } from '../users/user.js';
import type { Message } from './message.js';
import type { MessagesDeps } from './messages-deps.js';

export interface CreateMessageInput {
  message?: string | undefined;
  user_receiver_handle?: string | undefined;
}

/** Sends a direct message, opening the pair's conversation on the first one. */
export function createMessage(
  deps: MessagesDeps,
  actor: Actor,
  input: CreateMessageInput,
): Promise<Message> {
  const now = deps.now();
  return withServiceSpan({ name: 'create-message', userHandle: actor?.handle, now }, async () => {
    const codes = messageErrorCodes(input.message);
    const receiverHandle = input.user_receiver_handle?.trim().toLowerCase() ?? '';
    if (receiverHandle === '') codes.push('user_receiver_handle_blank');
    else if (receiverHandle === actor?.handle) codes.push('user_receiver_handle_self');
    if (actor === undefined) codes.push('user_handle_blank');
    if (codes.length > 0 || actor === undefined || input.message === undefined) {
      throw new ValidationError(codes);
    }
    const receiver = await deps.users.findByHandle(receiverHandle);
    if (receiver === undefined) {
      throw new NotFoundError('user_not_found', `no user @${receiverHandle}`);
    }
    return deps.messages.create({
      senderUuid: actor.uuid,
      receiverUuid: receiver.uuid,
      message: input.message,
      createdAt: now,
    });
  });
}
