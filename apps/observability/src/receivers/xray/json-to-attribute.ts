import type { AttributeValue } from '../../model/attributes.js';

/**
 * JSON to the model's value: whole numbers become integers (bigint) so they query as integers,
 * objects become nested maps. Depth is bounded by the document parser.
 */
export function jsonToAttribute(value: unknown): AttributeValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(jsonToAttribute);
  if (typeof value === 'object') {
    return new Map(Object.entries(value).map(([k, v]) => [k, jsonToAttribute(v)]));
  }
  return String(value);
}
