import { z } from 'zod';
import { requestJson } from '../../shared/api-client.js';

export const ITEM_STATUSES = ['active', 'resolved', 'muted'] as const;
export const LEVELS = ['critical', 'error', 'warning', 'info', 'debug'] as const;

const itemSchema = z.object({
  id: z.number(),
  title: z.string(),
  level: z.string(),
  status: z.string(),
  environment: z.string(),
  totalOccurrences: z.number(),
  firstOccurrenceMs: z.number(),
  lastOccurrenceMs: z.number(),
  exceptionClass: z.string().nullable(),
  buckets: z.array(z.number()).default([]),
});
export type ErrorItem = z.infer<typeof itemSchema>;

const itemListSchema = z.object({
  totalCount: z.number(),
  sparkline: z.object({ startMs: z.number(), endMs: z.number() }),
  items: z.array(itemSchema),
});

export function listErrorItems(filters: { status?: string; level?: string; query?: string }) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  return requestJson(`/api/error-items?${params}`, itemListSchema);
}

/** Rollbar's read API: `GET /api/1/item/:id` → `{err: 0, result: item}`. */
const rollbarItemSchema = z.object({
  err: z.number(),
  result: z.object({
    id: z.number(),
    counter: z.number().optional(),
    title: z.string(),
    level: z.string(),
    status: z.string(),
    environment: z.string().nullish(),
    total_occurrences: z.number().nullish(),
    first_occurrence_timestamp: z.number().nullish(),
    last_occurrence_timestamp: z.number().nullish(),
    framework: z.string().nullish(),
    platform: z.string().nullish(),
  }),
});
export type RollbarItem = z.infer<typeof rollbarItemSchema>['result'];

export function fetchRollbarItem(id: string) {
  return requestJson(`/api/1/item/${encodeURIComponent(id)}`, rollbarItemSchema);
}

/** `PATCH /api/1/item/:id` with `{status}`: resolve, mute, or reactivate. */
export function setItemStatus(id: number, status: (typeof ITEM_STATUSES)[number]) {
  return requestJson(`/api/1/item/${id}`, rollbarItemSchema, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status }),
  });
}

const occurrenceSchema = z.object({
  id: z.number(),
  uuid: z.string(),
  itemId: z.number(),
  timeMs: z.number(),
  level: z.string(),
  environment: z.string(),
  exceptionClass: z.string().nullable(),
  message: z.string().nullable(),
  traceId: z.string().nullable(),
  spanId: z.string().nullable(),
  codeVersion: z.string().nullable(),
  host: z.string().nullable(),
  personId: z.string().nullable(),
  data: z.unknown(),
});
export type ErrorOccurrence = z.infer<typeof occurrenceSchema>;

export function listOccurrences(itemId: string) {
  return requestJson(
    `/api/error-items/${encodeURIComponent(itemId)}/occurrences`,
    z.object({ occurrences: z.array(occurrenceSchema) }),
  );
}
