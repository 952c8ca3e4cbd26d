import { z } from 'zod';

export const activitySchema = z.object({
  uuid: z.string(),
  display_name: z.string(),
  handle: z.string(),
  message: z.string(),
  replies_count: z.number(),
  reposts_count: z.number(),
  likes_count: z.number(),
  reply_to_activity_uuid: z.string().nullable(),
  created_at: z.string(),
  expires_at: z.string(),
});

export type Activity = z.infer<typeof activitySchema>;

export const activityWithRepliesSchema = activitySchema.extend({
  replies: z.array(activitySchema),
});

export type ActivityWithReplies = z.infer<typeof activityWithRepliesSchema>;

/** The API's time-to-live choices, as the original form listed them. */
export const TTL_CHOICES = [
  { value: '30-days', label: '30 days' },
  { value: '7-days', label: '7 days' },
  { value: '3-days', label: '3 days' },
  { value: '1-day', label: '1 day' },
  { value: '12-hours', label: '12 hours' },
  { value: '3-hours', label: '3 hours' },
  { value: '1-hour', label: '1 hour' },
] as const;

export type Ttl = (typeof TTL_CHOICES)[number]['value'];
