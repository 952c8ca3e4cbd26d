import { z } from 'zod';
import { parseKeyValueList } from './key-value-list.js';

// The OTel spec treats an empty variable as unset; normalizing first keeps every rule below simple.
const optionalText = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().optional(),
);

const booleanFlag = optionalText.transform((value) => value?.toLowerCase() === 'true');

function milliseconds(fallback: number, { allowZero }: { allowZero: boolean }) {
  return optionalText
    .refine((value) => value === undefined || /^\d+$/.test(value), {
      message: 'must be a whole number of milliseconds',
    })
    .transform((value) => (value === undefined ? fallback : Number(value)))
    .refine((value) => allowZero || value > 0, { message: 'must be greater than 0' });
}

/** A per-signal override: absent means "use the generic variable". */
function optionalMilliseconds() {
  return optionalText
    .refine((value) => value === undefined || /^[1-9]\d*$/.test(value), {
      message: 'must be a positive whole number of milliseconds',
    })
    .transform((value) => (value === undefined ? undefined : Number(value)));
}

function count(fallback: number) {
  return optionalText
    .refine((value) => value === undefined || /^[1-9]\d*$/.test(value), {
      message: 'must be a positive whole number',
    })
    .transform((value) => (value === undefined ? fallback : Number(value)));
}

const keyValueList = optionalText.transform((value, ctx) => {
  if (value === undefined) return {};
  const parsed = parseKeyValueList(value);
  if ('error' in parsed && typeof parsed.error === 'string') {
    ctx.addIssue({ code: 'custom', message: `must be a k1=v1,k2=v2 list: ${parsed.error}` });
    return z.NEVER;
  }
  return parsed as Record<string, string>;
});

const url = optionalText.refine((value) => value === undefined || URL.canParse(value), {
  message: 'must be an absolute URL such as http://127.0.0.1:4318',
});

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

const listOf = <T extends string>(allowed: readonly T[], fallback: T[]) =>
  optionalText.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const items = [...new Set(value.split(',').map((item) => item.trim().toLowerCase()))].filter(
      (item) => item !== '',
    );
    const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unsupported value(s) ${unknown.join(', ')}; supported: ${allowed.join(', ')}`,
      });
      return z.NEVER;
    }
    return items as T[];
  });

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
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: count(512),
  OTEL_TRACES_SAMPLER: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined),
    z.enum(samplerNames).optional(),
  ),
  OTEL_TRACES_SAMPLER_ARG: optionalText.refine(
    (value) => value === undefined || (/^\d*\.?\d+$/.test(value) && Number(value) <= 1),
    { message: 'must be a probability between 0 and 1' },
  ),
  OTEL_PROPAGATORS: listOf(['tracecontext', 'baggage', 'none'] as const, [
    'tracecontext',
    'baggage',
  ]),
  HONEYCOMB_API_KEY: optionalText,
  // Honeycomb's own OpenTelemetry distributions read this (EU region: https://api.eu1.honeycomb.io).
  HONEYCOMB_API_ENDPOINT: url,
});

export type TelemetryEnv = z.infer<typeof telemetryEnvSchema>;
