/**
 * `propagateTraceHeaderCorsUrls` patterns that match exactly the given origins: `traceparent`
 * goes to our API and nowhere else (third parties would see our trace ids and, worse, reject the
 * preflight for an unexpected header).
 *
 * @example
 * propagateToOrigins(['http://localhost:4567'])
 * // [/^http:\/\/localhost:4567(?:[/?#]|$)/]
 */
export function propagateToOrigins(urls: readonly string[]): RegExp[] {
  return urls.map((url) => {
    const origin = new URL(url).origin;
    return new RegExp(`^${origin.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?:[/?#]|$)`);
  });
}
