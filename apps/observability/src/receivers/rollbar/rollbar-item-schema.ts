import { z } from 'zod';

/** Rollbar caps these at 255 characters; longer values are refused rather than cut silently. */
const shortText = z.string().max(255);
const lineNumber = z.union([z.number(), z.string()]).nullish();

const rollbarFrameSchema = z.looseObject({
  filename: z.string(),
  lineno: lineNumber,
  colno: lineNumber,
  method: z.string().nullish(),
  class_name: z.string().nullish(),
  code: z.string().nullish(),
});
export type RollbarFrame = z.infer<typeof rollbarFrameSchema>;

export const rollbarTraceSchema = z.looseObject({
  /** Oldest call first, most recent call last. */
  frames: z.array(rollbarFrameSchema),
  exception: z.looseObject({
    class: z.string().min(1),
    message: z.string().nullish(),
    description: z.string().nullish(),
  }),
});
export type RollbarTrace = z.infer<typeof rollbarTraceSchema>;

const BODY_KINDS = ['trace', 'trace_chain', 'message', 'crash_report'] as const;

const rollbarBodySchema = z
  .looseObject({
    trace: rollbarTraceSchema.optional(),
    trace_chain: z.array(rollbarTraceSchema).min(1).max(100).optional(),
    message: z.looseObject({ body: z.string() }).optional(),
    crash_report: z.looseObject({ raw: z.string() }).optional(),
    telemetry: z.array(z.unknown()).optional(),
  })
  .refine((body) => BODY_KINDS.filter((kind) => body[kind] !== undefined).length === 1, {
    message: `must hold exactly one of ${BODY_KINDS.join(', ')}`,
  });
export type RollbarBody = z.infer<typeof rollbarBodySchema>;

const objectOf = z.record(z.string(), z.unknown());

export const rollbarDataSchema = z.looseObject({
  environment: shortText.min(1),
  body: rollbarBodySchema,
  level: z.string().nullish(),
  /** Unix seconds. */
  timestamp: z.number().nonnegative().max(32_503_680_000).nullish(),
  code_version: z.union([z.string(), z.number()]).nullish(),
  platform: shortText.nullish(),
  language: shortText.nullish(),
  framework: shortText.nullish(),
  context: shortText.nullish(),
  request: objectOf.nullish(),
  person: z
    .looseObject({
      id: z.union([z.string(), z.number()]).nullish(),
      username: z.string().nullish(),
      email: z.string().nullish(),
    })
    .nullish(),
  server: z.looseObject({ host: z.string().nullish(), root: z.string().nullish() }).nullish(),
  custom: objectOf.nullish(),
  fingerprint: z.string().min(1).nullish(),
  title: z.string().nullish(),
  uuid: z.string().min(1).max(36).nullish(),
});
export type RollbarData = z.infer<typeof rollbarDataSchema>;

/** `POST /api/1/item/`: the occurrence under `data`; `access_token` is the legacy way to authenticate. */
export const rollbarItemSchema = z.looseObject({
  access_token: z.string().nullish(),
  data: rollbarDataSchema,
});
export type RollbarItem = z.infer<typeof rollbarItemSchema>;
