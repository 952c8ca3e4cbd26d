/**
 * Things in a message that vary between occurrences of the same problem, replaced by a
 * placeholder so "user 123 not found" and "user 456 not found" group together. Order matters:
 * whole shapes (timestamps, uuids, emails, addresses) go before the bare numbers inside them.
 */
const DATA_PATTERNS: readonly [RegExp, string][] = [
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/g, '<time>'],
  [/\b\d{4}-\d{2}-\d{2}\b/g, '<date>'],
  [/\b\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\b/g, '<time>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '<email>'],
  [/\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b/g, '<ip>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  // Hex runs that hold a digit (ids, hashes), not words like "facade" made of hex letters.
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{4,}\b/gi, '<hex>'],
  [/(?<!\d)\d+\.\d+(?!\d)/g, '<num>'],
  // Runs of two digits or more, units attached ("3000ms") or not, except three-digit codes
  // 100–599 standing alone (HTTP statuses).
  [/(?<!\d)(?!\b[1-5]\d\d\b)\d{2,}/g, '<num>'],
];

/** The message with its data stripped, for grouping messages into items. */
export function stripMessageData(message: string): string {
  let text = message.trim();
  for (const [pattern, placeholder] of DATA_PATTERNS) text = text.replace(pattern, placeholder);
  return text.replace(/\s+/g, ' ');
}
