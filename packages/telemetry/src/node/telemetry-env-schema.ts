import { z } from 'zod';
import {
  count,
  keyValueList,
  listOf,
  milliseconds,
  optionalMilliseconds,
  optionalText,
  url,
} from './env-values.js';
import { errorsEnvShape } from './errors/errors-env.js';
import { loggingEnvShape } from './logging/logging-env.js';
import { xrayEnvShape } from './xray/xray-env-schema.js';

const booleanFlag = optionalText.transform((value) => value?.toLowerCase() === 'true');

const protocol = optionalText.refine((value) => value === undefined || value === 'http/protobuf', {
  message: 'only "http/protobuf" is supported (grpc and http/json exporters are not bundled)',
});

const compression = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined),
  z.enum(['gzip', 'none']).optional(),
);

export const samplerNames = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

/**
 * The environment variables telemetry reads, validated at start-up. Names are the standard
 * OpenTelemetry SDK ones (see shared/specs/otlp.md §5) plus `HONEYCOMB_API_KEY`.
 */
export const telemetryEnvSchema = z.object({
  OTEL_SDK_DISABLED: booleanFlag,
  OTEL_SERVICE_NAME: optionalText,
  OTEL_RESOURCE_ATTRIBUTES: keyValueList,
  NODE_ENV: optionalText,
  npm_package_version: optionalText,
  OTEL_TRACES_EXPORTER: listOf(['otlp', 'console', 'none'] as const, ['otlp']),
  OTEL_EXPORTER_OTLP_ENDPOINT: url,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url,
  OTEL_EXPORTER_OTLP_HEADERS: keyValueList,
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: keyValueList,
  OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: protocol,
  OTEL_EXPORTER_OTLP_COMPRESSION: compression,
  OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: compression,
  OTEL_EXPORTER_OTLP_TIMEOUT: milliseconds(10_000, { allowZero: false }),
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: optionalMilliseconds(),
  OTEL_BSP_SCHEDULE_DELAY: milliseconds(5_000, { allowZero: true }),
  OTEL_BSP_EXPORT_TIMEOUT: milliseconds(30_000, { allowZero: false }),
  OTEL_BSP_MAX_QUEUE_SIZE: count(2048),
  // 128, not the SDK's 512: encoding an export request holds the event loop (512 spans ≈ 5 ms,
  // which every request arriving meanwhile waits out); 128 hold it about a millisecond.
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: count(128),
  OTEL_TRACES_SAMPLER: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined),
    z.enum(samplerNames).optional(),
  ),
  OTEL_TRACES_SAMPLER_ARG: optionalText.refine(
    (value) => value === undefined || (/^\d*\.?\d+$/.test(value) && Number(value) <= 1),
    { message: 'must be a probability between 0 and 1' },
  ),
  // `xray` (X-Amzn-Trace-Id) is on by default: X-Ray SDK callers and callees send and read only that.
  OTEL_PROPAGATORS: listOf(['tracecontext', 'baggage', 'xray', 'none'] as const, [
    'tracecontext',
    'baggage',
    'xray',
  ]),
  HONEYCOMB_API_KEY: optionalText,
  // Honeycomb's own OpenTelemetry distributions read this (EU region: https://api.eu1.honeycomb.io).
  HONEYCOMB_API_ENDPOINT: url,
  ...xrayEnvShape,
  ...loggingEnvShape,
  ...errorsEnvShape,
});

export type TelemetryEnv = z.infer<typeof telemetryEnvSchema>;
