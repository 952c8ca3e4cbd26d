import { NotFoundError, ValidationError } from '../../shared/app-errors.js';
import { messageErrorCodes } from '../../shared/message-rules.js';
import { withServiceSpan } from '../../telemetry/service-span.js';
import type { Actor } from '../users/user.js';
import type { ActivitiesDeps } from './activities-deps.js';
import type { Activity } from './activity.js';

/** A reply lives as long as the crud it answers, so a thread expires as one. */
export function createReply(
  deps: ActivitiesDeps,
  actor: Actor,
  replyToUuid: string,
  message: string | undefined,
): Promise<Activity> {
  const now = deps.now();
  return withServiceSpan({ name: 'create-reply', userHandle: actor?.handle, now }, async (span) => {
    span.setAttribute('app.reply_to_activity_uuid', replyToUuid);
    const codes = messageErrorCodes(message);
    if (actor === undefined) codes.push('user_handle_blank');
    if (codes.length > 0 || actor === undefined || message === undefined) {
      throw new ValidationError(codes);
    }
    const parent = await deps.activities.findLive(replyToUuid, now);
    if (parent === undefined) {
      throw new NotFoundError('activity_not_found', `no crud ${replyToUuid}`);
    }
    return deps.activities.create({
      userUuid: actor.uuid,
      message,
      createdAt: now,
      expiresAt: new Date(parent.expires_at),
      replyToActivityUuid: parent.uuid,
    });
  });
}
