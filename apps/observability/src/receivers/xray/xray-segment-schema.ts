import { z } from 'zod';

/** X-Ray's limit for one segment document ("64 kB"). */
export const MAX_XRAY_DOCUMENT_BYTES = 64_000;
/** Subsegments nest; a document deeper than this is refused before it is walked. */
export const MAX_XRAY_NESTING = 32;
export const MAX_XRAY_NAME_LENGTH = 200;

const hexId = z.string().regex(/^[0-9a-fA-F]{16}$/, 'must be 16 hex digits');
const xrayTraceId = z
  .string()
  .regex(/^1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}$/, 'must be 1-<8 hex>-<24 hex>');
/** Epoch seconds; the upper bound keeps nanoseconds inside a signed 64-bit column. */
const epochSeconds = z.number().finite().min(0).max(9_000_000_000);
const scalar = z.union([z.string(), z.number(), z.boolean()]);

const httpSchema = z
  .object({
    request: z
      .object({
        method: z.string().optional(),
        url: z.string().optional(),
        user_agent: z.string().optional(),
        client_ip: z.string().optional(),
        x_forwarded_for: z.boolean().optional(),
        traced: z.boolean().optional(),
      })
      .loose()
      .optional(),
    response: z
      .object({
        status: z.union([z.number(), z.string()]).optional(),
        content_length: z.union([z.number(), z.string()]).optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

const sqlSchema = z
  .object({
    connection_string: z.string().optional(),
    url: z.string().optional(),
    sanitized_query: z.string().optional(),
    database_type: z.string().optional(),
    database_version: z.string().optional(),
    driver_version: z.string().optional(),
    user: z.string().optional(),
    preparation: z.string().optional(),
  })
  .loose();

const stackFrameSchema = z
  .object({
    path: z.string().optional(),
    line: z.number().optional(),
    label: z.string().optional(),
  })
  .loose();

export const xrayExceptionSchema = z
  .object({
    id: z.string().optional(),
    message: z.string().optional(),
    type: z.string().optional(),
    remote: z.boolean().optional(),
    truncated: z.number().optional(),
    skipped: z.number().optional(),
    cause: z.string().optional(),
    stack: z.array(stackFrameSchema).optional(),
  })
  .loose();
export type XrayException = z.infer<typeof xrayExceptionSchema>;

const causeSchema = z.union([
  z.string(),
  z
    .object({
      working_directory: z.string().optional(),
      paths: z.array(z.string()).optional(),
      exceptions: z.array(xrayExceptionSchema).optional(),
    })
    .loose(),
]);

const linkSchema = z
  .object({
    trace_id: xrayTraceId,
    id: hexId,
    attributes: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

/** Fields segments and subsegments share; `subsegments` nest the same shape. */
const bodyFields = {
  id: hexId,
  name: z.string().min(1).max(MAX_XRAY_NAME_LENGTH),
  start_time: epochSeconds,
  end_time: epochSeconds.optional(),
  in_progress: z.boolean().optional(),
  trace_id: xrayTraceId.optional(),
  parent_id: hexId.optional(),
  type: z.string().optional(),
  namespace: z.string().optional(),
  user: z.string().optional(),
  origin: z.string().optional(),
  resource_arn: z.string().optional(),
  service: z.record(z.string(), z.unknown()).optional(),
  http: httpSchema.optional(),
  aws: z.record(z.string(), z.unknown()).optional(),
  sql: sqlSchema.optional(),
  error: z.boolean().optional(),
  fault: z.boolean().optional(),
  throttle: z.boolean().optional(),
  cause: causeSchema.optional(),
  annotations: z.record(z.string(), scalar).optional(),
  metadata: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  precursor_ids: z.array(hexId).optional(),
  links: z.array(linkSchema).optional(),
};

export interface XraySubsegment extends z.infer<z.ZodObject<typeof bodyFields>> {
  readonly subsegments?: XraySubsegment[];
  readonly [key: string]: unknown;
}

const subsegmentSchema: z.ZodType<XraySubsegment> = z.lazy(() =>
  z
    .object({ ...bodyFields, subsegments: z.array(subsegmentSchema).optional() })
    .loose()
    .refine((s) => s.end_time !== undefined || s.in_progress === true, {
      message: 'needs end_time or in_progress: true',
    }),
);

/**
 * A segment or an independent subsegment as it arrives. Unknown fields are kept (`loose`) so the
 * mapper can carry them into attributes; X-Ray itself accepts fields it does not know.
 */
export const xrayDocumentSchema = z
  .object({
    ...bodyFields,
    trace_id: xrayTraceId,
    subsegments: z.array(subsegmentSchema).optional(),
  })
  .loose()
  .refine((s) => s.end_time !== undefined || s.in_progress === true, {
    message: 'needs end_time or in_progress: true',
    path: ['end_time'],
  })
  .refine((s) => s.type !== 'subsegment' || s.parent_id !== undefined, {
    message: 'an independent subsegment needs parent_id',
    path: ['parent_id'],
  });
export type XrayDocument = z.infer<typeof xrayDocumentSchema>;

export function isIndependentSubsegment(document: XrayDocument): boolean {
  return document.type === 'subsegment';
}
