/**
 * Attribute keys the X-Ray mapping writes. Fields with an OpenTelemetry semantic convention use
 * it, so one query finds X-Ray and OTLP spans alike; the rest live under `aws.xray.*` so a stored
 * span can be turned back into the document it came from.
 */
export const XRAY_KEYS = {
  method: 'http.request.method',
  url: 'url.full',
  urlPath: 'url.path',
  userAgent: 'user_agent.original',
  clientIp: 'client.address',
  status: 'http.response.status_code',
  contentLength: 'http.response.body.size',
  forwardedFor: 'aws.xray.http.x_forwarded_for',
  traced: 'aws.xray.http.traced',
  user: 'enduser.id',
  dbSystem: 'db.system',
  dbSystemName: 'db.system.name',
  dbQuery: 'db.query.text',
  dbUser: 'db.user',
  sqlPrefix: 'aws.xray.sql.',
  /** The keys that were annotations (indexed), as the collector's X-Ray exporter names them. */
  annotations: 'aws.xray.annotations',
  /** `aws.xray.metadata.<namespace>`: a JSON object string, as the exporter reads it back. */
  metadataPrefix: 'aws.xray.metadata.',
  error: 'aws.xray.error',
  fault: 'aws.xray.fault',
  throttle: 'aws.xray.throttle',
  cause: 'aws.xray.cause',
  namespace: 'aws.xray.namespace',
  origin: 'aws.xray.origin',
  inProgress: 'aws.xray.in_progress',
  resourceArn: 'aws.xray.resource_arn',
  precursorIds: 'aws.xray.precursor_ids',
  servicePrefix: 'aws.xray.service.',
  /** Fields of the document this mapping does not know, as JSON under their own name. */
  extraPrefix: 'aws.xray.extra.',
} as const;

/**
 * Second path segments under `aws.xray.` that belong to the mapping, not to the document's own
 * `aws.xray` object (`sdk`, `sdk_version`, `rule_name`...), which round-trips as `aws.*`.
 */
export const MAPPING_XRAY_SEGMENTS = new Set([
  'http',
  'sql',
  'annotations',
  'metadata',
  'error',
  'fault',
  'throttle',
  'cause',
  'namespace',
  'origin',
  'in_progress',
  'resource_arn',
  'precursor_ids',
  'service',
  'extra',
]);

export function isMappingKey(key: string): boolean {
  if (!key.startsWith('aws.xray.')) return false;
  const segment = key.slice('aws.xray.'.length).split('.')[0] ?? '';
  return MAPPING_XRAY_SEGMENTS.has(segment);
}
