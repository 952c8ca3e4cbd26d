import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.js';

export const messageGroupSchema = z.object({
  uuid: z.string(),
  display_name: z.string(),
  handle: z.string(),
  message: z.string(),
  created_at: z.string(),
});

export type MessageGroup = z.infer<typeof messageGroupSchema>;

export const messageSchema = z.object({
  uuid: z.string(),
  message_group_uuid: z.string(),
  display_name: z.string(),
  handle: z.string(),
  message: z.string(),
  created_at: z.string(),
});

export type Message = z.infer<typeof messageSchema>;

export function messageGroups(signal?: AbortSignal): Promise<MessageGroup[]> {
  return apiRequest('/api/message_groups', z.array(messageGroupSchema), { signal });
}

export function conversation(handle: string, signal?: AbortSignal): Promise<Message[]> {
  return apiRequest(`/api/messages/@${encodeURIComponent(handle)}`, z.array(messageSchema), {
    signal,
  });
}

export function sendMessage(receiverHandle: string, message: string): Promise<Message> {
  return apiRequest('/api/messages', messageSchema, {
    method: 'POST',
    body: { message, user_receiver_handle: receiverHandle },
  });
}
