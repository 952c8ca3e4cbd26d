import type { Resource } from '@opentelemetry/resources';
import type { TelemetryLogger } from './drop-warning.js';
import { createErrorReporter, type ErrorReporter } from './errors/error-reporter.js';
import type { Logger } from './logging/create-logger.js';
import type { LogShippingStats } from './logging/log-shipping-counters.js';
import { startLogging } from './logging/start-logging.js';
import type { TelemetryConfig } from './telemetry-config.js';
import { defaultServiceName } from './telemetry-config.js';

/** What a telemetry handle offers the app for logs and errors. */
export interface LogsAndErrorsHandle {
  /** The structured logger: stdout, plus OTLP logs and CloudWatch Logs unless disabled. */
  readonly logger: Logger;
  /** Reports errors and messages to Rollbar (the local server by default). */
  readonly errors: ErrorReporter;
  /** The CloudWatch Logs shipper's counts; undefined when CloudWatch shipping is off. */
  logStats(): LogShippingStats | undefined;
}

export interface LogsAndErrors {
  handle: LogsAndErrorsHandle;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Starts the logging pipeline and the error reporter from the parsed configuration. With
 * `OTEL_SDK_DISABLED` the logger writes to stdout only; error reporting does not depend on it.
 *
 * @example
 * const logsAndErrors = startLogsAndErrors(config, { warnings: console, dropWarningIntervalMs: 10_000 });
 * logsAndErrors.handle.logger.info('ready');
 */
export function startLogsAndErrors(
  config: TelemetryConfig,
  options: { resource?: Resource; warnings: TelemetryLogger; dropWarningIntervalMs: number },
): LogsAndErrors {
  const logging = startLogging({
    config: config.logging,
    serviceName: config.resourceAttributes['service.name'] ?? defaultServiceName,
    ...(options.resource === undefined ? {} : { resource: options.resource }),
    warnings: options.warnings,
    dropWarningIntervalMs: options.dropWarningIntervalMs,
  });
  const errors = createErrorReporter(config.errors);
  return {
    handle: { logger: logging.logger, errors, logStats: () => logging.cloudWatchStats() },
    async forceFlush() {
      await Promise.all([logging.forceFlush(), errors.flush()]);
    },
    async shutdown() {
      await Promise.all([logging.shutdown(), errors.flush()]);
    },
  };
}
