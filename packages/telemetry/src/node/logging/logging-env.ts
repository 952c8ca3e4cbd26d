import { z } from 'zod';
import {
  count,
  keyValueList,
  listOf,
  milliseconds,
  optionalMilliseconds,
  optionalText,
  url,
} from '../env-values.js';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const logExporterNames = ['otlp', 'cloudwatch', 'none'] as const;

/**
 * The logging variables, merged into the telemetry schema. `OTEL_LOGS_EXPORTER` and
 * `OTEL_BLRP_*` are the standard SDK names (with `cloudwatch` as our extra exporter);
 * `AWS_*` are the AWS SDK's own; `CLOUDWATCH_LOG_GROUP`, `LOG_LEVEL`, `LOG_FORMAT` are ours.
 */
export const loggingEnvShape = {
  LOG_LEVEL: z.preprocess(
    (value) =>
      typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined,
    z.enum(logLevels).default('info'),
  ),
  LOG_FORMAT: z.preprocess(
    (value) =>
      typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined,
    z.enum(['json', 'pretty']).optional(),
  ),
  OTEL_LOGS_EXPORTER: listOf(logExporterNames, ['otlp', 'cloudwatch']),
  OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: url,
  OTEL_EXPORTER_OTLP_LOGS_HEADERS: keyValueList,
  OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: optionalMilliseconds(),
  OTEL_BLRP_SCHEDULE_DELAY: milliseconds(1_000, { allowZero: true }),
  // As for spans: 0 would abort every export (and every CloudWatch call) the moment it starts.
  OTEL_BLRP_EXPORT_TIMEOUT: milliseconds(30_000, { allowZero: false }),
  OTEL_BLRP_MAX_QUEUE_SIZE: count(2_048),
  OTEL_BLRP_MAX_EXPORT_BATCH_SIZE: count(512),
  CLOUDWATCH_LOG_GROUP: optionalText
    .refine((value) => value === undefined || /^[.\-_/#A-Za-z0-9]{1,512}$/.test(value), {
      message: 'must be 1-512 characters of letters, digits and . - _ / #',
    })
    .transform((value) => value ?? 'cruddur'),
  AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: url,
  AWS_ENDPOINT_URL: url,
  AWS_REGION: optionalText,
  AWS_DEFAULT_REGION: optionalText,
  AWS_ACCESS_KEY_ID: optionalText,
  AWS_PROFILE: optionalText,
  AWS_WEB_IDENTITY_TOKEN_FILE: optionalText,
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: optionalText,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: optionalText,
};

export type LogExporterName = (typeof logExporterNames)[number];
export type LogLevel = (typeof logLevels)[number];

const loggingEnvSchema = z.object(loggingEnvShape);
export type LoggingEnv = z.infer<typeof loggingEnvSchema>;
