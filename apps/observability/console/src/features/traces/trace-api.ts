import { z } from 'zod';
import { requestJson } from '../../shared/api-client.js';
import { traceLogsSchema, traceSearchSchema, traceViewSchema } from '../../shared/api-schemas.js';

export function fetchTrace(traceId: string) {
  return requestJson(`/api/traces/${encodeURIComponent(traceId)}`, traceViewSchema);
}

export function fetchTraceLogs(traceId: string) {
  return requestJson(`/api/traces/${encodeURIComponent(traceId)}/logs`, traceLogsSchema);
}

export const traceErrorsSchema = z.object({
  occurrences: z.array(
    z.object({
      id: z.number(),
      itemId: z.number(),
      timeMs: z.number(),
      level: z.string(),
      exceptionClass: z.string().nullable(),
      message: z.string().nullable(),
      spanId: z.string().nullable(),
    }),
  ),
});
export type TraceErrorOccurrence = z.infer<typeof traceErrorsSchema>['occurrences'][number];

export function fetchTraceErrors(traceId: string) {
  return requestJson(`/api/traces/${encodeURIComponent(traceId)}/errors`, traceErrorsSchema);
}

export interface TraceQuery {
  readonly service?: string;
  readonly name?: string;
  readonly minMs?: string;
  readonly maxMs?: string;
  readonly status?: string;
  readonly attr?: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly limit?: number;
}

export function searchTraces(q: TraceQuery) {
  const params = new URLSearchParams({ start: String(q.startMs), end: String(q.endMs) });
  for (const key of ['service', 'name', 'minMs', 'maxMs', 'status', 'attr'] as const) {
    const value = q[key];
    if (value) params.set(key, value);
  }
  if (q.limit) params.set('limit', String(q.limit));
  return requestJson(`/api/traces?${params}`, traceSearchSchema);
}
