/** Invalid telemetry configuration; thrown only by `startTelemetry`, at start-up. */
export class TelemetryConfigError extends Error {
  override readonly name = 'TelemetryConfigError';
}
