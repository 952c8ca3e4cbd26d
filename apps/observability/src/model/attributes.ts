/**
 * An OTLP AnyValue in plain JavaScript: int64 is `bigint` and double is `number`, so the two
 * stay distinct; a kvlist is a `Map` (insertion order kept, last duplicate key wins); `null` is the
 * empty value.
 */
export type AttributeValue =
  | string
  | boolean
  | number
  | bigint
  | Uint8Array
  | AttributeValue[]
  | Attributes
  | null;

export type Attributes = Map<string, AttributeValue>;

/** The scalar types a column can hold, named as Honeycomb's /1/columns names them. */
export type ColumnType = 'string' | 'integer' | 'float' | 'boolean';

/** The column type a value is stored under; complex values are kept as JSON text (Honeycomb does too). */
export function columnTypeOf(value: AttributeValue): ColumnType | undefined {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'bigint':
      return 'integer';
    case 'number':
      return 'float';
    default:
      return value === null ? undefined : 'string';
  }
}

/** JSON-compatible rendering: bigint beyond 2^53 becomes a decimal string, bytes become base64. */
export function attributeToJson(value: AttributeValue): unknown {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(attributeToJson);
  if (value instanceof Map) return attributesToJson(value);
  return value;
}

export function attributesToJson(attributes: Attributes): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of attributes) out[key] = attributeToJson(value);
  return out;
}
