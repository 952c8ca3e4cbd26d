export { defaultInstrumentations } from './default-instrumentations.js';
export type { TelemetryLogger } from './drop-warning.js';
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
