/** Loopback host names a browser treats as different origins for the same server. */
const TWINS: Readonly<Record<string, string>> = {
  localhost: '127.0.0.1',
  '127.0.0.1': 'localhost',
};

/**
 * Each origin, followed by its loopback twin when it has one (`http://localhost:3000` ↔
 * `http://127.0.0.1:3000`): opening the front end by either name must reach the API, and
 * CORS compares origins as exact strings. Other origins are left as they are.
 */
export function withLoopbackTwins(origins: readonly string[]): string[] {
  const out = new Set<string>();
  for (const origin of origins) {
    out.add(origin);
    const url = new URL(origin);
    const twin = TWINS[url.hostname];
    if (twin === undefined) continue;
    url.hostname = twin;
    out.add(url.origin);
  }
  return [...out];
}
