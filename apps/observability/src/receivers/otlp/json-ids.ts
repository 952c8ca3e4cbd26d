import type { RawId } from './item-validation.js';

const HEX = /^[0-9a-fA-F]*$/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * Reads an OTLP/JSON id: case-insensitive hex, as the OTLP spec requires. Generic proto3 JSON
 * encoders write `bytes` as base64 instead; the lengths never collide (32/16 hex digits vs
 * 24/12 base64 characters), so those are accepted too.
 */
export function idFromJson(text: string | null | undefined, size: 8 | 16): RawId {
  if (text == null || text === '') return undefined;
  if (text.length === size * 2) return HEX.test(text) ? BigInt(`0x${text}`) : null;
  if (BASE64.test(text)) {
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length === size) return BigInt(`0x${bytes.toString('hex')}`);
  }
  return null;
}
