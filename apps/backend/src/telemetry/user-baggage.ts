import { type Context, context, propagation } from '@opentelemetry/api';

/** Attribute and baggage key naming the signed-in user on every span. */
export const USER_HANDLE_KEY = 'app.user_handle';

/**
 * Puts the current user's handle into the context's baggage, so every span started below it —
 * ours, and the SDK's through a baggage span processor — can carry `app.user_handle`. An entry a
 * client sent in its own `baggage` header is replaced, never trusted.
 */
export function withUserHandle(parent: Context, handle: string | undefined): Context {
  const baggage = propagation.getBaggage(parent) ?? propagation.createBaggage();
  const next =
    handle === undefined
      ? baggage.removeEntry(USER_HANDLE_KEY)
      : baggage.setEntry(USER_HANDLE_KEY, { value: handle });
  return propagation.setBaggage(parent, next);
}

export function currentUserHandle(): string | undefined {
  return propagation.getBaggage(context.active())?.getEntry(USER_HANDLE_KEY)?.value;
}
