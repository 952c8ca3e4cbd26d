const OTEL_KEYS = /"?(?:trace_id|traceId|trace\.trace_id|traceid)"?\s*[:=]\s*"?([0-9a-f]{32})\b/i;
const XRAY_ID = /\b1-([0-9a-f]{8})-([0-9a-f]{24})\b/i;

/** The trace a log line belongs to, if it names one (OTel hex id or X-Ray `1-…-…` id). */
export function traceIdInMessage(message: string): string | undefined {
  const otel = OTEL_KEYS.exec(message);
  if (otel?.[1]) return otel[1].toLowerCase();
  const xray = XRAY_ID.exec(message);
  if (xray?.[1] && xray[2]) return `${xray[1]}${xray[2]}`.toLowerCase();
  return undefined;
}
