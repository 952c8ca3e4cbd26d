import { z } from 'zod';
import { attributesSchema } from './json-any-value.js';
import {
  countSchema,
  idSchema,
  resourceSchema,
  scopeSchema,
  textSchema,
} from './json-common-schemas.js';
import { bigInteger, enumeration, message, optional } from './json-scalars.js';

const SPAN_KIND_NAMES = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
];
const STATUS_CODE_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];

/** Timestamps stay unbounded bigints here; item validation rejects what does not fit uint64. */
const timeSchema = optional(bigInteger);

const eventSchema = message({
  timeUnixNano: timeSchema,
  name: textSchema,
  attributes: attributesSchema,
  droppedAttributesCount: countSchema,
});

const linkSchema = message({
  traceId: idSchema,
  spanId: idSchema,
  traceState: textSchema,
  attributes: attributesSchema,
  droppedAttributesCount: countSchema,
  flags: countSchema,
});

const spanSchema = message({
  traceId: idSchema,
  spanId: idSchema,
  traceState: textSchema,
  parentSpanId: idSchema,
  flags: countSchema,
  name: textSchema,
  kind: optional(enumeration(SPAN_KIND_NAMES)),
  startTimeUnixNano: timeSchema,
  endTimeUnixNano: timeSchema,
  attributes: attributesSchema,
  droppedAttributesCount: countSchema,
  events: optional(z.array(eventSchema)),
  droppedEventsCount: countSchema,
  links: optional(z.array(linkSchema)),
  droppedLinksCount: countSchema,
  status: optional(
    message({ message: textSchema, code: optional(enumeration(STATUS_CODE_NAMES)) }),
  ),
});

/** `ExportTraceServiceRequest` in OTLP/JSON. */
export const otlpExportTraceRequestSchema = message({
  resourceSpans: optional(
    z.array(
      message({
        resource: resourceSchema,
        scopeSpans: optional(
          z.array(
            message({
              scope: scopeSchema,
              spans: optional(z.array(spanSchema)),
              schemaUrl: textSchema,
            }),
          ),
        ),
        schemaUrl: textSchema,
      }),
    ),
  ),
});

export type OtlpExportTraceRequest = z.infer<typeof otlpExportTraceRequestSchema>;
export type OtlpJsonSpan = z.infer<typeof spanSchema>;
export type OtlpJsonSpanEvent = z.infer<typeof eventSchema>;
export type OtlpJsonSpanLink = z.infer<typeof linkSchema>;
