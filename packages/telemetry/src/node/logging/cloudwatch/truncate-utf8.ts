/**
 * Cuts `text` to at most `maxBytes` of UTF-8 without splitting a character, and returns the cut
 * text with its size, so the caller counts bytes once.
 *
 * @example
 * truncateUtf8('héllo', 2); // → { text: 'h', bytes: 1 }
 */
export function truncateUtf8(text: string, maxBytes: number): { text: string; bytes: number } {
  const encoded = Buffer.from(text, 'utf8');
  if (encoded.length <= maxBytes) return { text, bytes: encoded.length };
  let cut = maxBytes;
  // A UTF-8 continuation byte is 10xxxxxx; back up to the first byte of the character at `cut`.
  while (cut > 0 && ((encoded[cut] ?? 0) & 0xc0) === 0x80) cut -= 1;
  return { text: encoded.subarray(0, cut).toString('utf8'), bytes: cut };
}
