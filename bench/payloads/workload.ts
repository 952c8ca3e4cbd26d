/**
 * The shape of the synthetic workload: 512 spans per request, 10 attributes per span (6 strings,
 * 4 ints), `app.userId` from 500 users and `http.route` from a handful of routes.
 */
export const SPANS_PER_REQUEST = 512;
export const SPANS_PER_TRACE = 8;
export const USER_COUNT = 500;
export const SERVICE_NAME = 'cruddur-backend-bench';

/** Routes with their share of traffic; the query benchmark filters on the first one. */
export const ROUTES: readonly { route: string; weight: number }[] = [
  { route: '/api/activities/home', weight: 30 },
  { route: '/api/activities/@:handle', weight: 20 },
  { route: '/api/messages/:message_group_uuid', weight: 15 },
  { route: '/api/message_groups', weight: 15 },
  { route: '/api/activities/search', weight: 10 },
  { route: '/api/profile/update', weight: 10 },
];

export const FILTER_ROUTE = ROUTES[0]!.route;

export function userId(index: number): string {
  const hex = (index * 2_654_435_761).toString(16).padStart(8, '0').slice(-8);
  return `${hex}-7f3a-4c1e-9b2d-${index.toString(16).padStart(12, '0')}`;
}

/** A small seeded PRNG (mulberry32) so every run builds the same payloads. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function pickRoute(random: () => number): string {
  const total = ROUTES.reduce((sum, r) => sum + r.weight, 0);
  let roll = random() * total;
  for (const { route, weight } of ROUTES) {
    roll -= weight;
    if (roll < 0) return route;
  }
  return ROUTES[0]!.route;
}
