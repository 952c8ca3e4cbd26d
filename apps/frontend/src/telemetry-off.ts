/**
 * Stands in for `telemetry.ts` when the front end is built with `CRUDDUR_TELEMETRY=off`: the
 * benchmark's baseline, so the bundle and timings without telemetry are measured, not guessed.
 */
export function startTelemetry(): void {}
