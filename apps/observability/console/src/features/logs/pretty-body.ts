/** A JSON object or array body re-indented for reading; anything else unchanged. */
export function prettyBody(body: string): string {
  const trimmed = body.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return body;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return body;
  }
}
