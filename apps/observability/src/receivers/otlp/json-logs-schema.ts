import { z } from 'zod';
import { anyValueSchema, attributesSchema } from './json-any-value.js';
import {
  countSchema,
  idSchema,
  resourceSchema,
  scopeSchema,
  textSchema,
} from './json-common-schemas.js';
import { bigInteger, enumeration, message, optional } from './json-scalars.js';

const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
/** SEVERITY_NUMBER_UNSPECIFIED, then SEVERITY_NUMBER_TRACE, _TRACE2 … _FATAL4 (1–24). */
const SEVERITY_NAMES = [
  'SEVERITY_NUMBER_UNSPECIFIED',
  ...LEVELS.flatMap((level) => ['', '2', '3', '4'].map((n) => `SEVERITY_NUMBER_${level}${n}`)),
];

const timeSchema = optional(bigInteger);

const logRecordSchema = message({
  timeUnixNano: timeSchema,
  observedTimeUnixNano: timeSchema,
  severityNumber: optional(enumeration(SEVERITY_NAMES)),
  severityText: textSchema,
  body: anyValueSchema.optional(),
  attributes: attributesSchema,
  droppedAttributesCount: countSchema,
  flags: countSchema,
  traceId: idSchema,
  spanId: idSchema,
  eventName: textSchema,
});

/** `ExportLogsServiceRequest` in OTLP/JSON. */
export const otlpExportLogsRequestSchema = message({
  resourceLogs: optional(
    z.array(
      message({
        resource: resourceSchema,
        scopeLogs: optional(
          z.array(
            message({
              scope: scopeSchema,
              logRecords: optional(z.array(logRecordSchema)),
              schemaUrl: textSchema,
            }),
          ),
        ),
        schemaUrl: textSchema,
      }),
    ),
  ),
});

export type OtlpExportLogsRequest = z.infer<typeof otlpExportLogsRequestSchema>;
export type OtlpJsonLogRecord = z.infer<typeof logRecordSchema>;
