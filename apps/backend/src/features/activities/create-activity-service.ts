import { ValidationError } from '../../shared/app-errors.js';
import { messageErrorCodes } from '../../shared/message-rules.js';
import { withServiceSpan } from '../../telemetry/service-span.js';
import type { Actor } from '../users/user.js';
import type { ActivitiesDeps } from './activities-deps.js';
import type { Activity } from './activity.js';
import { expiresAt, isTtl } from './ttl.js';

export interface CreateActivityInput {
  message?: string | undefined;
  ttl?: string | undefined;
}

/** Every problem at once, as the original did, so the form can show them together. */
function errorCodes(actor: Actor, input: CreateActivityInput): string[] {
  const codes = messageErrorCodes(input.message);
  const ttl = input.ttl?.trim() ?? '';
  if (ttl === '') codes.push('ttl_blank');
  else if (!isTtl(ttl)) codes.push('ttl_invalid');
  if (actor === undefined) codes.push('user_handle_blank');
  return codes;
}

export function createActivity(
  deps: ActivitiesDeps,
  actor: Actor,
  input: CreateActivityInput,
): Promise<Activity> {
  const now = deps.now();
  return withServiceSpan({ name: 'create-activity', userHandle: actor?.handle, now }, async () => {
    const codes = errorCodes(actor, input);
    const ttl = input.ttl?.trim() ?? '';
    if (codes.length > 0 || actor === undefined || input.message === undefined || !isTtl(ttl)) {
      throw new ValidationError(codes);
    }
    return deps.activities.create({
      userUuid: actor.uuid,
      message: input.message,
      createdAt: now,
      expiresAt: expiresAt(now, ttl),
    });
  });
}
