import { z } from 'zod';

/** A span event and a span link as the trace endpoint writes them (parsed, not trusted). */
export const spanEventSchema = z.object({
  timeUnixNano: z.string(),
  name: z.string(),
  attributes: z.record(z.string(), z.unknown()).default({}),
});
export type SpanEventView = z.infer<typeof spanEventSchema>;

export const spanLinkSchema = z.object({
  traceId: z.string(),
  spanId: z.string(),
  attributes: z.record(z.string(), z.unknown()).default({}),
});
export type SpanLinkView = z.infer<typeof spanLinkSchema>;

export function parseList<T>(schema: z.ZodType<T>, items: readonly unknown[]): T[] {
  return items.flatMap((item) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** OTel records exceptions as span events named `exception`. */
export function isException(event: SpanEventView): boolean {
  return event.name === 'exception';
}
