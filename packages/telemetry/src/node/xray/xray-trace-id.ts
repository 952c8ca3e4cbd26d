/**
 * The X-Ray form of a 128-bit OpenTelemetry trace id: `1-` + the first 8 hex digits (epoch
 * seconds when the X-Ray id generator made it) + `-` + the other 24.
 *
 * @example
 * toXrayTraceId('5759e988bd862e3fe1be46a994272793'); // '1-5759e988-bd862e3fe1be46a994272793'
 */
export function toXrayTraceId(traceId: string): string {
  return `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
}
