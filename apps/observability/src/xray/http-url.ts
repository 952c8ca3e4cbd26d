/**
 * The request URL of a span: `url.full` (or the older `http.url`) when present, else assembled
 * from the parts server spans carry (`url.scheme`, `server.address`, `server.port`, `url.path`,
 * `url.query`), as the collector's X-Ray exporter assembles it.
 */
export function httpUrlOf(attributes: Record<string, unknown>): string | undefined {
  const full = attributes['url.full'] ?? attributes['http.url'];
  if (typeof full === 'string') return full;
  const path = attributes['url.path'] ?? attributes['http.target'];
  const host =
    attributes['server.address'] ?? attributes['http.host'] ?? attributes['net.host.name'];
  if (typeof path !== 'string' || typeof host !== 'string') return undefined;
  const scheme = typeof attributes['url.scheme'] === 'string' ? attributes['url.scheme'] : 'http';
  const port = attributes['server.port'] ?? attributes['net.host.port'];
  const defaultPort = (scheme === 'http' && port === 80) || (scheme === 'https' && port === 443);
  const authority =
    typeof port === 'number' && !defaultPort && !host.includes(':') ? `${host}:${port}` : host;
  const query = typeof attributes['url.query'] === 'string' ? `?${attributes['url.query']}` : '';
  return `${scheme}://${authority}${path}${query}`;
}
