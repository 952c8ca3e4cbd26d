export {
  startTestTelemetry,
  type TestTelemetry,
  type TestTelemetryOptions,
} from './start-test-telemetry.js';
