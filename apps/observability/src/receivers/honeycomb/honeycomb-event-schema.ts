import { z } from 'zod';

/** Honeycomb allows about 2,000 distinct fields per event. */
export const MAX_EVENT_FIELDS = 2_000;

export const honeycombFieldsSchema = z.record(z.string(), z.unknown());
export type HoneycombFields = z.infer<typeof honeycombFieldsSchema>;

/** One element of a `/1/batch` body; elements are checked one by one so one bad event fails alone. */
export const honeycombBatchEventSchema = z.object({
  data: honeycombFieldsSchema,
  time: z.union([z.string(), z.number()]).optional(),
  samplerate: z.number().int().min(1).optional(),
});
export type HoneycombBatchEvent = z.infer<typeof honeycombBatchEventSchema>;

export const honeycombBatchSchema = z.array(z.unknown());
