import { type ErrorsConfig, errorsConfig } from './errors/errors-config.js';
import { type LoggingConfig, loggingConfig } from './logging/logging-config.js';
import { type OtlpDestination, otlpDestination } from './otlp-destination.js';
import { TelemetryConfigError } from './telemetry-config-error.js';
import { type TelemetryEnv, telemetryEnvSchema } from './telemetry-env-schema.js';
import { type XrayConfig, xrayConfigFrom } from './xray/xray-config.js';

export const defaultServiceName = 'cruddur-backend';

/** What the code that starts telemetry may decide; the environment decides everything else. */
export interface TelemetryConfigOptions {
  serviceName?: string;
  serviceVersion?: string;
  environment?: string;
}

/** Everything `startTelemetry` needs, validated once at start-up. */
export interface TelemetryConfig {
  disabled: boolean;
  /** `service.name`, `service.version`, `deployment.environment` and `OTEL_RESOURCE_ATTRIBUTES`. */
  resourceAttributes: Record<string, string>;
  exporters: TelemetryEnv['OTEL_TRACES_EXPORTER'];
  otlp: OtlpDestination & { timeoutMs: number; compression: 'gzip' | 'none' | undefined };
  batch: {
    maxQueueSize: number;
    maxExportBatchSize: number;
    scheduledDelayMs: number;
    exportTimeoutMs: number;
  };
  sampler: { name: TelemetryEnv['OTEL_TRACES_SAMPLER']; ratio: number };
  propagators: TelemetryEnv['OTEL_PROPAGATORS'];
  /** X-Ray segment export; undefined when off. */
  xray: XrayConfig | undefined;
  /** The structured logger and its OTLP and CloudWatch Logs export. */
  logging: LoggingConfig;
  /** Error reporting to Rollbar (not affected by `OTEL_SDK_DISABLED`). */
  errors: ErrorsConfig;
}

/**
 * Reads and validates the telemetry environment. Throws `TelemetryConfigError` naming every bad
 * variable, so a typo fails the deploy instead of silently losing traces.
 *
 * @example
 * const config = parseTelemetryConfig({ OTEL_SERVICE_NAME: 'api', OTEL_BSP_MAX_QUEUE_SIZE: '100' });
 * config.batch.maxQueueSize; // 100
 */
export function parseTelemetryConfig(
  env: NodeJS.ProcessEnv,
  options: TelemetryConfigOptions = {},
): TelemetryConfig {
  const parsed = telemetryEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) =>
        `${issue.path.join('.')}=${JSON.stringify(env[String(issue.path[0])])}: ${issue.message}`,
    );
    throw new TelemetryConfigError(`Invalid telemetry configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.OTEL_BSP_MAX_EXPORT_BATCH_SIZE > e.OTEL_BSP_MAX_QUEUE_SIZE) {
    throw new TelemetryConfigError(
      `Invalid telemetry configuration: OTEL_BSP_MAX_EXPORT_BATCH_SIZE (${e.OTEL_BSP_MAX_EXPORT_BATCH_SIZE}) must not exceed OTEL_BSP_MAX_QUEUE_SIZE (${e.OTEL_BSP_MAX_QUEUE_SIZE})`,
    );
  }
  const otlp = otlpDestination(e);
  const resource = resourceAttributes(e, options);
  return {
    disabled: e.OTEL_SDK_DISABLED,
    resourceAttributes: resource,
    exporters: e.OTEL_TRACES_EXPORTER,
    otlp: {
      ...otlp,
      timeoutMs: e.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT ?? e.OTEL_EXPORTER_OTLP_TIMEOUT,
      compression: e.OTEL_EXPORTER_OTLP_TRACES_COMPRESSION ?? e.OTEL_EXPORTER_OTLP_COMPRESSION,
    },
    batch: {
      maxQueueSize: e.OTEL_BSP_MAX_QUEUE_SIZE,
      maxExportBatchSize: e.OTEL_BSP_MAX_EXPORT_BATCH_SIZE,
      scheduledDelayMs: e.OTEL_BSP_SCHEDULE_DELAY,
      exportTimeoutMs: e.OTEL_BSP_EXPORT_TIMEOUT,
    },
    sampler: {
      name: e.OTEL_TRACES_SAMPLER,
      ratio: e.OTEL_TRACES_SAMPLER_ARG === undefined ? 1 : Number(e.OTEL_TRACES_SAMPLER_ARG),
    },
    propagators: e.OTEL_PROPAGATORS,
    xray: xrayConfigFrom(e, {
      otlpChosenBy: otlp.chosenBy,
      otlpExporting: e.OTEL_TRACES_EXPORTER.includes('otlp'),
    }),
    logging: loggingConfig(e),
    errors: errorsConfig(e, resource['service.version']),
  };
}

/**
 * Precedence follows the spec: `OTEL_SERVICE_NAME` beats everything; what the code passes beats
 * `OTEL_RESOURCE_ATTRIBUTES`; derived defaults (`npm_package_version`, `NODE_ENV`) come last.
 */
function resourceAttributes(
  e: TelemetryEnv,
  options: TelemetryConfigOptions,
): Record<string, string> {
  const fromEnv = e.OTEL_RESOURCE_ATTRIBUTES;
  const serviceName =
    e.OTEL_SERVICE_NAME ?? options.serviceName ?? fromEnv['service.name'] ?? defaultServiceName;
  const serviceVersion =
    options.serviceVersion ?? fromEnv['service.version'] ?? e.npm_package_version;
  const environment =
    options.environment ??
    fromEnv['deployment.environment'] ??
    fromEnv['deployment.environment.name'] ??
    e.NODE_ENV ??
    'development';
  return {
    ...fromEnv,
    'service.name': serviceName,
    ...(serviceVersion === undefined ? {} : { 'service.version': serviceVersion }),
    'deployment.environment': environment,
    // Current semantic conventions renamed the key; Honeycomb and X-Ray read either.
    'deployment.environment.name': environment,
  };
}
