import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { CONSOLE_PATHS, consoleRoutes } from './console-routes.js';

const dir = mkdtempSync(join(tmpdir(), 'console-assets-'));
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
writeFileSync(join(dir, 'secret.txt'), 'not an asset');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The console mounted last, as the route table does, behind stand-ins for the API routes. */
function app(consoleDir = dir): Hono {
  const root = new Hono();
  root.get('/health', (c) => c.json({ status: 'ok' }));
  root.post('/', (c) => c.json({ __type: 'UnknownOperationException' }, 400));
  root.post('/Traces', (c) => c.json({ Traces: [] }));
  root.get('/api/traces/:id', (c) => c.json({ traceId: c.req.param('id') }));
  root.route('/', consoleRoutes({ dir: consoleDir }));
  root.notFound((c) => c.json({ error: 'no route' }, 404));
  return root;
}

describe('console routes', () => {
  it.each([
    '/',
    '/query?dataset=__all__&query=%7B%7D',
    '/traces',
    '/traces/0123456789abcdef0123456789abcdef',
    '/map',
    '/errors',
    '/errors/12',
    '/logs',
  ])('answers index.html for the client-side route %s', async (path) => {
    const res = await app().request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<div id="root">');
  });

  it('lists every console route it serves', () => {
    expect(CONSOLE_PATHS).toContain('/traces/:traceId');
    expect(CONSOLE_PATHS).toContain('/errors/:itemId');
  });

  it('serves hashed assets with their type and a long cache lifetime', async () => {
    const res = await app().request('/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('never serves files outside the assets folder', async () => {
    for (const path of ['/assets/../secret.txt', '/assets/%2e%2e/secret.txt', '/assets/nope.js']) {
      const res = await app().request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('not an asset');
    }
  });

  it('leaves API routes, POST / and X-Ray paths to their owners', async () => {
    const a = app();
    expect(await (await a.request('/health')).json()).toEqual({ status: 'ok' });
    expect((await a.request('/', { method: 'POST', body: '{}' })).status).toBe(400);
    expect(await (await a.request('/Traces', { method: 'POST', body: '{}' })).json()).toEqual({
      Traces: [],
    });
    expect(await (await a.request('/api/traces/ab')).json()).toEqual({ traceId: 'ab' });
    for (const path of ['/api/nothing', '/1/nothing', '/v1/traces', '/unknown-page']) {
      const res = await a.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
    }
  });

  it('says how to build the console when it has not been built', async () => {
    const res = await app(join(dir, 'missing')).request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:console');
  });
});
