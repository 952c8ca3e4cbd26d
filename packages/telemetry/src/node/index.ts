export { defaultInstrumentations } from './default-instrumentations.js';
export type { TelemetryLogger } from './drop-warning.js';
export {
  createErrorReporter,
  disabledErrorReporter,
  type ErrorContext,
  type ErrorReporter,
  type ReportedRequest,
  type ReportLevel,
} from './errors/error-reporter.js';
export { type CreateLoggerOptions, createLogger, type Logger } from './logging/create-logger.js';
export type { LogShippingStats } from './logging/log-shipping-counters.js';
export type { LogsAndErrorsHandle } from './logs-and-errors.js';
export { honeycombApiEndpoint, localTracesUrl, type OtlpDestination } from './otlp-destination.js';
export type { DropReason, TelemetryStats } from './span-counters.js';
export {
  type StartTelemetryOptions,
  startTelemetry,
  type TelemetryHandle,
} from './start-telemetry.js';
export {
  defaultServiceName,
  parseTelemetryConfig,
  type TelemetryConfig,
  type TelemetryConfigOptions,
} from './telemetry-config.js';
export { TelemetryConfigError } from './telemetry-config-error.js';
export type { XrayConfig } from './xray/xray-config.js';
