import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '@cruddur/observability/config';
import { startServer } from '@cruddur/observability/server';

const obs = await startServer(
  loadConfig(['--host', '127.0.0.1', '--http-port', '0', '--data', ':memory:'], {}),
);
const dir = mkdtempSync(path.join(tmpdir(), 'explore-'));
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  PORT: '0',
  HOST: '127.0.0.1',
  CRUDDUR_DATA_DIR: dir,
  OTEL_EXPORTER_OTLP_ENDPOINT: obs.url,
  OTEL_BSP_SCHEDULE_DELAY: '100',
  OTEL_SERVICE_NAME: 'cruddur-backend',
};
if (process.env.PGURL) {
  env.CONNECTION_URL = process.env.PGURL;
}
const t0 = Date.now();
const child = spawn(
  process.execPath,
  ['--conditions=development', '--import', 'tsx', 'apps/backend/src/main.ts'],
  { env, stdio: ['ignore', 'pipe', 'pipe'] },
);
child.stderr.on('data', (d) => process.stderr.write(d));
const url: string = await new Promise((resolve) => {
  let buf = '';
  child.stdout.on('data', (d) => {
    buf += d;
    const m = /Cruddur API on (http:\/\/\S+)/.exec(buf);
    if (m) resolve(m[1]!);
  });
});
console.log('started in', Date.now() - t0, url);
async function call(method: string, p: string, body?: unknown, cookie?: string) {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  const headers: Record<string, string> = { traceparent: `00-${traceId}-${spanId}-01` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (cookie) headers.cookie = cookie;
  const res = await fetch(url + p, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const s = Date.now();
  let spans: any[] = [];
  for (let i = 0; i < 50; i++) {
    const r = await fetch(`${obs.url}/api/traces/${traceId}`);
    if (r.status === 200) {
      spans = ((await r.json()) as any).spans;
    }
    await new Promise((r) => setTimeout(r, 300));
    if (spans.length && i > 3) break;
  }
  console.log(
    `\n=== ${method} ${p} -> ${res.status} ${text.slice(0, 80)} (trace after ${Date.now() - s}ms) caller=${spanId}`,
  );
  for (const sp of spans)
    console.log(
      JSON.stringify({
        id: sp.spanId,
        parent: sp.parentSpanId,
        name: sp.name,
        kind: sp.kind,
        status: sp.status,
        attrs: sp.attributes,
      }),
    );
  return res;
}
await call('GET', '/api/activities/home');
const r = await call('POST', '/api/sessions', { handle: 'worf' });
const cookie = r.headers.get('set-cookie')!.split(';')[0];
await call('GET', '/api/activities/notifications', undefined, cookie);
await call('GET', '/api/activities/search?term=', undefined, cookie);
await call(
  'POST',
  '/api/messages',
  { message: 'secret text', user_receiver_handle: 'garek' },
  cookie,
);
await call('GET', '/api/sessions/me', undefined, cookie);
await call('GET', '/api/activities/not-a-uuid');
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
await obs.stop();
