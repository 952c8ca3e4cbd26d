import { z } from 'zod';

/** The parts of a Rollbar occurrence payload (`data`) the item view shows; all optional. */
const frameSchema = z
  .object({
    filename: z.string().optional(),
    lineno: z.number().optional(),
    colno: z.number().optional(),
    method: z.string().optional(),
    code: z.string().optional(),
  })
  .loose();
const traceSchema = z.object({
  frames: z.array(frameSchema).default([]),
  exception: z
    .object({ class: z.string().optional(), message: z.string().optional() })
    .loose()
    .default({}),
});
const payloadSchema = z
  .object({
    body: z
      .object({
        trace: traceSchema.optional(),
        trace_chain: z.array(traceSchema).optional(),
        message: z.object({ body: z.string().optional() }).loose().optional(),
      })
      .loose()
      .default({}),
    request: z.record(z.string(), z.unknown()).optional(),
    person: z.record(z.string(), z.unknown()).optional(),
    server: z.record(z.string(), z.unknown()).optional(),
    custom: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

export type StackTrace = z.infer<typeof traceSchema>;

export interface OccurrencePayload {
  readonly traces: StackTrace[];
  readonly message: string | undefined;
  readonly request: Record<string, unknown> | undefined;
  readonly person: Record<string, unknown> | undefined;
  readonly server: Record<string, unknown> | undefined;
  readonly custom: Record<string, unknown> | undefined;
}

export function readPayload(data: unknown): OccurrencePayload {
  const parsed = payloadSchema.safeParse(data);
  if (!parsed.success) {
    return {
      traces: [],
      message: undefined,
      request: undefined,
      person: undefined,
      server: undefined,
      custom: undefined,
    };
  }
  const p = parsed.data;
  return {
    traces: p.body.trace_chain ?? (p.body.trace ? [p.body.trace] : []),
    message: p.body.message?.body,
    request: p.request,
    person: p.person,
    server: p.server,
    custom: p.custom,
  };
}
