import type { Attributes, AttributeValue } from '@opentelemetry/api';
import type { XrayAnnotationValue } from './xray-segment-document.js';

/** X-Ray indexes at most 50 annotations; later qualifying keys stay in metadata. */
export const MAX_ANNOTATIONS = 50;
/** A span attribute (string array) naming more keys to index, as the collector's exporter reads it. */
export const ANNOTATIONS_ATTRIBUTE = 'aws.xray.annotations';
/** `aws.xray.metadata.<namespace>` holding a JSON object becomes that metadata namespace. */
export const METADATA_ATTRIBUTE_PREFIX = 'aws.xray.metadata.';

/**
 * An annotation key X-Ray can filter on: only ASCII letters, digits and `_` (others become `_`).
 *
 * @example
 * annotationKey('app.user_handle'); // 'app_user_handle'
 */
export function annotationKey(key: string): string {
  return key.replace(/[^A-Za-z0-9_]/g, '_');
}

function annotationValue(value: AttributeValue | undefined): XrayAnnotationValue | undefined {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Splits span attributes into X-Ray `annotations` (the configured keys and those the span names in
 * `aws.xray.annotations`, when the value is a string, finite number or boolean) and `metadata`
 * (everything else under `default`, with the original keys). `aws.xray.metadata.<ns>` attributes
 * holding a JSON object become namespace `<ns>` (`default` merges). `skip` names attributes
 * already written elsewhere in the document.
 */
export function annotationsAndMetadata(
  attributes: Attributes,
  annotationKeys: ReadonlySet<string>,
  skip: (key: string) => boolean,
  extraMetadata?: Record<string, unknown>,
): {
  annotations: Record<string, XrayAnnotationValue> | undefined;
  metadata: Record<string, Record<string, unknown>> | undefined;
} {
  const annotations: Record<string, XrayAnnotationValue> = {};
  let annotationCount = 0;
  const named = attributes[ANNOTATIONS_ATTRIBUTE];
  const spanKeys = Array.isArray(named)
    ? new Set(named.filter((k) => typeof k === 'string'))
    : undefined;
  const metadataDefault: Record<string, unknown> =
    extraMetadata === undefined ? {} : { ...extraMetadata };
  let namespaces: Record<string, Record<string, unknown>> | undefined;

  for (const key in attributes) {
    const value = attributes[key];
    if (value === undefined || skip(key)) continue;
    if (key === ANNOTATIONS_ATTRIBUTE) continue;
    if (key.startsWith(METADATA_ATTRIBUTE_PREFIX) && typeof value === 'string') {
      const namespace = key.slice(METADATA_ATTRIBUTE_PREFIX.length);
      const parsed = parseObject(value);
      if (namespace !== '' && parsed !== undefined) {
        if (namespace === 'default') Object.assign(metadataDefault, parsed);
        else namespaces = { ...namespaces, [namespace]: parsed };
        continue;
      }
    }
    if (annotationCount < MAX_ANNOTATIONS && (annotationKeys.has(key) || spanKeys?.has(key))) {
      const annotation = annotationValue(value);
      if (annotation !== undefined) {
        annotations[annotationKey(key)] = annotation;
        annotationCount += 1;
        continue;
      }
    }
    metadataDefault[key] = value;
  }

  let metadata = namespaces;
  for (const _ in metadataDefault) {
    metadata = { default: metadataDefault, ...namespaces };
    break;
  }
  return { annotations: annotationCount === 0 ? undefined : annotations, metadata };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
