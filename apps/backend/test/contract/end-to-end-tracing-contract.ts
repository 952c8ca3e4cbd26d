import { beforeAll, describe, expect, it } from 'vitest';
import type { ActivityJson, SessionJson } from '../support/api-types.js';
import { waitForTrace } from '../support/observability.js';
import type { SpanView, TraceTree } from '../support/trace-tree.js';
import { TracedClient, type TracedResponse } from '../support/traced-client.js';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** The bar: a request shows up as a trace in the local server within 5 s. */
const TRACE_DEADLINE_MS = 5_000;
/** The session middleware resolves the current user before any service runs. */
const SESSION_LOOKUP = /FROM users WHERE (uuid|handle) = \$1/;

/** A backend process exporting to an observability server, as the test file started them. */
export interface TracedTarget {
  name: 'pglite' | 'postgres';
  apiUrl(): string;
  observabilityUrl(): string;
}

interface RouteCase {
  client: TracedClient;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  json?: unknown;
  status: number;
  /** `http.route` of the server span, which also names it: `GET /api/activities/@:handle`. */
  route: string;
  /** The service span (use case) the request must reach; undefined: none is expected. */
  service?: string;
  /** Who the request acts as: `app.user_handle` on the service span (and the server span). */
  user?: string;
  /** `app.result_length`: `'list'` = the length of the JSON array answered. */
  resultLength?: number | 'list';
  /** Validation failures: ERROR status and these `app.error_codes` on the service span. */
  errorCodes?: string[];
  /** Fewest statements the service itself sends (transactions add BEGIN/COMMIT on pg). */
  minQueries?: number;
  /** Values the request carried that must never appear in any `db.query.text`. */
  secrets?: string[];
}

interface RouteCheck {
  route: RouteCase;
  response: TracedResponse;
  trace: TraceTree;
  server: SpanView;
  service: SpanView | undefined;
}

/** Database CLIENT spans: PGlite's own `pg.query:*` and the `pg` instrumentation's `pg.*`, `pg-pool.*`. */
function isDbSpan(span: SpanView): boolean {
  return span.kind === 'client' && /^pg[.-]/.test(span.name);
}

/**
 * Calls every route of the running API with a caller `traceparent`, reads each trace back from
 * the observability server, and checks its tree: server span → service span → database spans.
 */
export function endToEndTracingContract(target: TracedTarget): void {
  describe(`end-to-end traces (${target.name})`, () => {
    let anonymous: TracedClient;
    let worf: TracedClient;
    const checks: RouteCheck[] = [];
    beforeAll(() => {
      anonymous = new TracedClient(target.apiUrl());
      worf = new TracedClient(target.apiUrl());
    });

    async function checkRoute(route: RouteCase): Promise<RouteCheck> {
      const response = await route.client.request(route.method, route.path, route.json);
      expect(response.status, JSON.stringify(response.body)).toBe(route.status);
      const isServer = (span: SpanView) =>
        span.kind === 'server' && span.parentSpanId === response.callerSpanId;
      const trace = await waitForTrace(
        target.observabilityUrl(),
        response.traceId,
        (tree) =>
          tree.spans.some(isServer) &&
          (route.service === undefined || tree.named(route.service).length > 0) &&
          tree.roots().every((span) => span.parentSpanId === response.callerSpanId),
        TRACE_DEADLINE_MS,
      );
      const tree = `\n${trace.describe()}`;

      // The HTTP server span is the root and continues the caller's span.
      const roots = trace.roots();
      expect(roots, tree).toHaveLength(1);
      const server = roots[0]!;
      expect(server, tree).toMatchObject({
        traceId: response.traceId,
        parentSpanId: response.callerSpanId,
        kind: 'server',
        name: `${route.method} ${route.route}`,
        service: 'cruddur-backend',
      });
      expect(server.attributes, tree).toMatchObject({
        'http.route': route.route,
        'http.request.method': route.method,
        'http.response.status_code': route.status,
      });

      // The use case's span, below the server span, with the attributes every service span has.
      let service: SpanView | undefined;
      if (route.service !== undefined) {
        const named = trace.named(route.service);
        expect(named, tree).toHaveLength(1);
        service = named[0]!;
        expect(trace.isDescendant(service, server), tree).toBe(true);
        const now = String(service.attributes['app.now']);
        expect(now).toMatch(ISO_TIME);
        expect(Date.parse(now)).toBeGreaterThanOrEqual(response.sentAt);
        expect(Date.parse(now)).toBeLessThanOrEqual(response.receivedAt);
        if (route.user !== undefined) {
          expect(service.attributes['app.user_handle'], tree).toBe(route.user);
        }
        if (route.resultLength !== undefined) {
          const length =
            route.resultLength === 'list'
              ? (response.body as unknown[]).length
              : route.resultLength;
          expect(service.attributes['app.result_length'], tree).toBe(length);
        }
        if (route.errorCodes !== undefined) {
          expect(service.status.code, tree).toBe('error');
          expect(service.attributes['app.error_codes'], tree).toEqual(route.errorCodes);
        } else if (route.status >= 400) {
          expect(service.status.code, tree).toBe('error');
          expect(service.attributes['app.error_codes'], tree).toBeUndefined();
        } else {
          expect(service.status.code, tree).not.toBe('error');
          expect(service.attributes['app.error_codes'], tree).toBeUndefined();
        }
      }

      // Database spans: the service's statements below it; outside it only the session lookup.
      const dbSpans = trace.spans.filter(isDbSpan);
      for (const span of dbSpans) {
        expect(span.attributes['db.system.name'], span.name).toBe('postgresql');
        if (service !== undefined && trace.isDescendant(span, service)) continue;
        if (span.name.startsWith('pg.query:')) {
          expect(span.attributes['db.query.text'], tree).toMatch(SESSION_LOOKUP);
        }
      }
      const queries = dbSpans.filter((span) => span.name.startsWith('pg.query:'));
      expect(
        queries.filter((span) => SESSION_LOOKUP.test(String(span.attributes['db.query.text']))),
        'the session middleware looks up the current user',
      ).not.toHaveLength(0);
      for (const query of queries) {
        const text = query.attributes['db.query.text'];
        expect(typeof text, query.name).toBe('string');
        for (const secret of route.secrets ?? []) {
          expect(String(text).toLowerCase(), query.name).not.toContain(secret.toLowerCase());
        }
      }
      if (service !== undefined) {
        const own = queries.filter((span) => trace.isDescendant(span, service));
        const min = route.minQueries ?? 1;
        if (min === 0) expect(own, tree).toEqual([]);
        else {
          expect(own.length, tree).toBeGreaterThanOrEqual(min);
          // Values travel as parameters: the statements carry placeholders.
          expect(own.map((span) => span.attributes['db.query.text']).join('\n')).toMatch(/\$1\b/);
        }
      }

      const check = { route, response, trace, server, service };
      checks.push(check);
      return check;
    }

    let crud: ActivityJson | undefined;

    it('home feed: server span → home-activities → queries, in the local server within 5 s', async () => {
      const { response } = await checkRoute({
        client: anonymous,
        method: 'GET',
        path: '/api/activities/home',
        status: 200,
        route: '/api/activities/home',
        service: 'home-activities',
        user: 'andrewbrown',
        resultLength: 'list',
      });
      expect((response.body as unknown[]).length).toBeGreaterThan(0);
    });

    it('sign in as worf: create-session', async () => {
      const { response } = await checkRoute({
        client: worf,
        method: 'POST',
        path: '/api/sessions',
        json: { handle: 'worf' },
        status: 200,
        route: '/api/sessions',
        service: 'create-session',
        resultLength: 1,
        secrets: ['worf'],
      });
      expect(response.body).toMatchObject({ handle: 'worf', signed_in: true });
    });

    it('current session: no service span, the session lookup under the server span', async () => {
      const { response } = await checkRoute({
        client: worf,
        method: 'GET',
        path: '/api/sessions/me',
        status: 200,
        route: '/api/sessions/me',
        user: 'worf',
      });
      expect(response.body as SessionJson).toMatchObject({ handle: 'worf', signed_in: true });
    });

    it('notifications: notifications-activities as worf', async () => {
      await checkRoute({
        client: worf,
        method: 'GET',
        path: '/api/activities/notifications',
        status: 200,
        route: '/api/activities/notifications',
        service: 'notifications-activities',
        user: 'worf',
        resultLength: 'list',
        secrets: ['worf'],
      });
    });

    it("a user's cruds: user-activities with its user-activities-data child", async () => {
      const { trace, service, response } = await checkRoute({
        client: anonymous,
        method: 'GET',
        path: '/api/activities/@worf',
        status: 200,
        route: '/api/activities/@:handle',
        service: 'user-activities',
        user: 'andrewbrown',
        resultLength: 'list',
        secrets: ['worf'],
      });
      const [data] = trace.named('user-activities-data');
      expect(data?.parentSpanId).toBe(service?.spanId);
      expect(data?.attributes['app.now']).toBe(service?.attributes['app.now']);
      expect(data?.attributes['app.results_size']).toBe((response.body as unknown[]).length);
      expect(trace.spans.filter((s) => isDbSpan(s) && trace.isDescendant(s, data!))).not.toEqual(
        [],
      );
    });

    it('search: search-activities as worf, the term only as a parameter', async () => {
      const { response } = await checkRoute({
        client: worf,
        method: 'GET',
        path: '/api/activities/search?term=prune',
        status: 200,
        route: '/api/activities/search',
        service: 'search-activities',
        user: 'worf',
        resultLength: 'list',
        secrets: ['prune'],
      });
      expect(response.body).toHaveLength(1);
    });

    it('create a crud: create-activity as worf, the message only as a parameter', async () => {
      const message = 'Qapla end-to-end crud';
      const { response } = await checkRoute({
        client: worf,
        method: 'POST',
        path: '/api/activities',
        json: { message, ttl: '1-hour' },
        status: 200,
        route: '/api/activities',
        service: 'create-activity',
        user: 'worf',
        resultLength: 1,
        secrets: [message, 'Qapla'],
      });
      crud = response.body as ActivityJson;
      expect(crud).toMatchObject({ handle: 'worf', message });
    });

    it('show a crud: show-activity', async () => {
      expect(crud, 'created by the previous test').toBeDefined();
      await checkRoute({
        client: anonymous,
        method: 'GET',
        path: `/api/activities/${crud!.uuid}`,
        status: 200,
        route: '/api/activities/:uuid',
        service: 'show-activity',
        user: 'andrewbrown',
        resultLength: 1,
        secrets: [crud!.uuid],
      });
    });

    it('reply: create-reply as worf', async () => {
      expect(crud, 'created by an earlier test').toBeDefined();
      const message = 'Honor demands a reply';
      await checkRoute({
        client: worf,
        method: 'POST',
        path: `/api/activities/${crud!.uuid}/reply`,
        json: { message },
        status: 200,
        route: '/api/activities/:uuid/reply',
        service: 'create-reply',
        user: 'worf',
        resultLength: 1,
        secrets: [message, crud!.uuid],
      });
    });

    it('message groups: message-groups as worf', async () => {
      await checkRoute({
        client: worf,
        method: 'GET',
        path: '/api/message_groups',
        status: 200,
        route: '/api/message_groups',
        service: 'message-groups',
        user: 'worf',
        resultLength: 'list',
      });
    });

    it('a conversation: messages as worf', async () => {
      await checkRoute({
        client: worf,
        method: 'GET',
        path: '/api/messages/@andrewbrown',
        status: 200,
        route: '/api/messages/@:handle',
        service: 'messages',
        user: 'worf',
        resultLength: 'list',
        secrets: ['andrewbrown'],
      });
    });

    it('send a message: create-message as worf', async () => {
      const message = 'Raktajino, end to end';
      await checkRoute({
        client: worf,
        method: 'POST',
        path: '/api/messages',
        json: { message, user_receiver_handle: 'garek' },
        status: 200,
        route: '/api/messages',
        service: 'create-message',
        user: 'worf',
        resultLength: 1,
        secrets: [message, 'garek'],
      });
    });

    it('unknown handle (404): user-activities ends in ERROR without error codes', async () => {
      const { service } = await checkRoute({
        client: anonymous,
        method: 'GET',
        path: '/api/activities/@nobody',
        status: 404,
        route: '/api/activities/@:handle',
        service: 'user-activities',
        user: 'andrewbrown',
        secrets: ['nobody'],
      });
      expect(service?.status.message).toContain('nobody');
    });

    it('blank search (422): search-activities with app.error_codes, no query sent', async () => {
      await checkRoute({
        client: worf,
        method: 'GET',
        path: '/api/activities/search?term=%20',
        status: 422,
        route: '/api/activities/search',
        service: 'search-activities',
        user: 'worf',
        errorCodes: ['search_term_blank'],
        minQueries: 0,
      });
    });

    it('bad uuid (400): rejected in the route, before any service span', async () => {
      const { trace, server } = await checkRoute({
        client: anonymous,
        method: 'GET',
        path: '/api/activities/not-a-uuid',
        status: 400,
        route: '/api/activities/:uuid',
        user: 'andrewbrown',
      });
      expect(trace.named('show-activity')).toEqual([]);
      expect(server.attributes['url.path']).toBe('/api/activities/not-a-uuid');
    });

    it('invalid crud (422): create-activity with every error code, nothing written', async () => {
      await checkRoute({
        client: worf,
        method: 'POST',
        path: '/api/activities',
        json: { message: '', ttl: '' },
        status: 422,
        route: '/api/activities',
        service: 'create-activity',
        user: 'worf',
        errorCodes: ['message_blank', 'ttl_blank'],
        minQueries: 0,
      });
    });

    it('sign out: DELETE /api/sessions, no service span', async () => {
      await checkRoute({
        client: worf,
        method: 'DELETE',
        path: '/api/sessions',
        status: 204,
        route: '/api/sessions',
        user: 'worf',
      });
      const after = await worf.request('GET', '/api/sessions/me');
      expect(after.body).toMatchObject({ handle: 'andrewbrown', signed_in: false });
    });

    // The checks below read the traces collected above; each names one requirement.

    it('tags the HTTP server span with app.user_handle of the acting user', () => {
      const withUser = checks.filter((check) => check.route.user !== undefined);
      expect(withUser.length).toBeGreaterThan(10);
      const wrong = withUser
        .map((check) => ({
          request: `${check.route.method} ${check.route.path}`,
          expected: check.route.user,
          serverSpan: check.server.attributes['app.user_handle'],
        }))
        .filter((row) => row.serverSpan !== row.expected);
      expect(wrong).toEqual([]);
    });

    it('create-session names the user signing in (worf), not the default user', () => {
      const signIn = checks.find((check) => check.route.service === 'create-session');
      expect(signIn?.service?.attributes['app.user_handle']).toBe('worf');
    });

    it('labels every database span db.system = postgresql', () => {
      const unlabeled = checks
        .flatMap((check) => check.trace.spans.filter(isDbSpan))
        .filter((span) => span.attributes['db.system'] !== 'postgresql')
        .map((span) => span.name);
      expect(new Set(unlabeled)).toEqual(new Set());
    });
  });
}
