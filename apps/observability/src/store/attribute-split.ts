import {
  type Attributes,
  type AttributeValue,
  attributeToJson,
  type ColumnType,
  columnTypeOf,
} from '../model/attributes.js';

/** One attribute as a typed column value. */
export interface TypedValue {
  readonly key: string;
  readonly type: ColumnType;
  readonly value: string | bigint | number | boolean;
}

/**
 * Splits attributes into typed column values and the JSON of what a column cannot hold
 * losslessly. Arrays, maps and bytes are queryable as their JSON text (Honeycomb does the same)
 * and keep their structure in the extra JSON, which the trace view overlays on the columns.
 */
export function splitAttributes(attributes: Attributes): {
  typed: TypedValue[];
  extra: Record<string, unknown> | undefined;
} {
  const typed: TypedValue[] = [];
  let extra: Record<string, unknown> | undefined;
  for (const [key, value] of attributes) {
    const type = columnTypeOf(value);
    if (type === undefined) continue;
    if (isScalar(value)) {
      typed.push({ key, type, value: value as string | bigint | number | boolean });
      continue;
    }
    const json = attributeToJson(value);
    typed.push({ key, type: 'string', value: JSON.stringify(json) });
    extra ??= {};
    extra[key] = json;
  }
  return { typed, extra };
}

function isScalar(value: AttributeValue): boolean {
  const kind = typeof value;
  return kind === 'string' || kind === 'boolean' || kind === 'bigint' || kind === 'number';
}
