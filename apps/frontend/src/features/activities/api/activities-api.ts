import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.js';
import {
  type Activity,
  type ActivityWithReplies,
  activitySchema,
  activityWithRepliesSchema,
  type Ttl,
} from './activity-schemas.js';

export function homeFeed(signal?: AbortSignal): Promise<ActivityWithReplies[]> {
  return apiRequest('/api/activities/home', z.array(activityWithRepliesSchema), { signal });
}

export function notificationsFeed(signal?: AbortSignal): Promise<Activity[]> {
  return apiRequest('/api/activities/notifications', z.array(activitySchema), { signal });
}

export function userFeed(handle: string, signal?: AbortSignal): Promise<ActivityWithReplies[]> {
  return apiRequest(
    `/api/activities/@${encodeURIComponent(handle)}`,
    z.array(activityWithRepliesSchema),
    { signal },
  );
}

export function showActivity(uuid: string, signal?: AbortSignal): Promise<ActivityWithReplies> {
  return apiRequest(`/api/activities/${encodeURIComponent(uuid)}`, activityWithRepliesSchema, {
    signal,
  });
}

export function searchActivities(term: string, signal?: AbortSignal): Promise<Activity[]> {
  return apiRequest(
    `/api/activities/search?term=${encodeURIComponent(term)}`,
    z.array(activitySchema),
    { signal },
  );
}

export function createActivity(message: string, ttl: Ttl): Promise<Activity> {
  return apiRequest('/api/activities', activitySchema, {
    method: 'POST',
    body: { message, ttl },
  });
}

export function createReply(activityUuid: string, message: string): Promise<Activity> {
  return apiRequest(`/api/activities/${encodeURIComponent(activityUuid)}/reply`, activitySchema, {
    method: 'POST',
    body: { message },
  });
}
