import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.js';

export const sessionUserSchema = z.object({
  uuid: z.string(),
  handle: z.string(),
  display_name: z.string(),
  /** False when the API answers as its default user because nobody signed in. */
  signed_in: z.boolean(),
});

export type SessionUser = z.infer<typeof sessionUserSchema>;

export function currentSession(signal?: AbortSignal): Promise<SessionUser> {
  return apiRequest('/api/sessions/me', sessionUserSchema, { signal });
}

export function signIn(handle: string): Promise<SessionUser> {
  return apiRequest('/api/sessions', sessionUserSchema, { method: 'POST', body: { handle } });
}

export function signOut(): Promise<undefined> {
  return apiRequest('/api/sessions', z.undefined(), { method: 'DELETE' });
}
