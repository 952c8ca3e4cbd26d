/**
 * An item as rollbar.js (Node) sends it for an error thrown in a request handler: a two-trace
 * chain of ten frames each with source context, the request, server and notifier blocks; about
 * 5 KiB. Every occurrence is the same error (one hot fingerprint) with its own uuid.
 */
export function rollbarPayloadTemplate(): { before: string; after: string } {
  const frame = (i: number) => ({
    filename:
      i < 4
        ? `/srv/cruddur/node_modules/express/lib/router/layer-${i}.js`
        : `/srv/cruddur/apps/backend/src/features/activities/activities-${i}.ts`,
    lineno: 40 + i,
    colno: 12,
    method: i < 4 ? 'Layer.handle [as handle_request]' : `homeActivities${i}`,
    code: '    const rows = await this.repository.home(userId, { limit: 20 });',
    context: {
      pre: ['  async home(userId) {', '    const started = Date.now();'],
      post: ['    return rows.map(toActivity);', '  }'],
    },
  });
  const trace = (cls: string, message: string) => ({
    frames: Array.from({ length: 10 }, (_, i) => frame(i)),
    exception: { class: cls, message },
  });
  const data = {
    environment: 'production',
    level: 'error',
    timestamp: 1_795_000_000,
    language: 'javascript',
    framework: 'node-js',
    uuid: '@UUID@',
    notifier: { name: 'node_rollbar', version: '3.1.0' },
    server: { host: 'api-1', argv: ['node', 'dist/main.js'], pid: 4242 },
    custom: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7' },
    request: {
      url: 'http://localhost:4567/api/activities/home',
      method: 'GET',
      headers: { host: 'localhost:4567', 'user-agent': 'Mozilla/5.0', accept: 'application/json' },
      user_ip: '127.0.0.1',
    },
    body: {
      trace_chain: [
        trace('QueryError', 'relation "activities" does not exist'),
        trace('DatabaseError', 'connection terminated unexpectedly'),
      ],
    },
  };
  const [before, after] = JSON.stringify({ data }).split('@UUID@');
  return { before: before!, after: after! };
}

/** A uuid-shaped id unique within a run: occurrence `n` of run `run`. */
export function occurrenceUuid(run: number, n: number): string {
  return `${run.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}
