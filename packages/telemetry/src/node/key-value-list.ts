/**
 * Parses the `k1=v1,k2=v2` lists of `OTEL_RESOURCE_ATTRIBUTES` and `OTEL_EXPORTER_OTLP_HEADERS`
 * (W3C-baggage-like, percent-encoded). Returns an error message instead of throwing so the
 * configuration schema can report it against the variable's name.
 */
export function parseKeyValueList(text: string): Record<string, string> | { error: string } {
  const result: Record<string, string> = {};
  for (const rawEntry of text.split(',')) {
    const entry = rawEntry.trim();
    if (entry === '') continue;
    const equals = entry.indexOf('=');
    if (equals <= 0) return { error: `"${entry}" is not key=value` };
    try {
      const key = decodeURIComponent(entry.slice(0, equals).trim());
      const value = decodeURIComponent(entry.slice(equals + 1).trim());
      result[key] = value;
    } catch {
      return { error: `"${entry}" has a malformed percent-encoding` };
    }
  }
  return result;
}
