// @vitest-environment node
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningStaticServer, startStaticServer } from '../server/static-server.js';

let root: string;
let server: RunningStaticServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cruddur-static-'));
  server = await startStaticServer({ root, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server.stop();
  await rm(root, { recursive: true, force: true });
});

/** A raw request, so paths reach the server exactly as written (fetch would normalize `..`). */
function get(
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the front end static server', () => {
  it('answers 503 until the build exists', async () => {
    const res = await get('/');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
  });

  describe('once built', () => {
    beforeAll(async () => {
      await mkdir(join(root, 'assets'), { recursive: true });
      await writeFile(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
      await writeFile(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    });

    it('serves index.html for the app and for every client-side route', async () => {
      for (const path of ['/', '/@worf', '/@worf/status/0b0e', '/messages/@garek?x=1']) {
        const res = await get(path);
        expect(res.status, path).toBe(200);
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(res.headers['cache-control']).toBe('no-cache');
        expect(res.body).toContain('id="root"');
      }
    });

    it('serves hashed assets with their type, cached for good', async () => {
      const res = await get('/assets/index-abc123.js');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.body).toBe('console.log(1)');
    });

    it('answers 404 for a missing file rather than the page', async () => {
      expect((await get('/assets/missing.js')).status).toBe(404);
    });

    it('never serves a file from outside the build folder', async () => {
      const outside = join(root, '..', `${basename(root)}-secret.txt`);
      await writeFile(outside, 'top secret');
      const name = basename(outside);
      try {
        for (const path of [
          `/../${name}`,
          `/..%2f${name}`,
          `/assets/%2e%2e/%2e%2e/${name}`,
          `/assets/..%5c..%5c${name}`,
        ]) {
          const res = await get(path);
          expect(res.body, path).not.toContain('top secret');
          expect([400, 404], path).toContain(res.status);
        }
      } finally {
        await rm(outside, { force: true });
      }
    });

    it('answers 400 for a malformed path', async () => {
      expect((await get('/%E0%A4%A')).status).toBe(400);
      expect((await get('/a%00b.js')).status).toBe(400);
    });

    it('answers HEAD without a body and refuses other methods', async () => {
      const head = await get('/', 'HEAD');
      expect(head.status).toBe(200);
      expect(head.body).toBe('');
      const post = await get('/', 'POST');
      expect(post.status).toBe(405);
      expect(post.headers.allow).toBe('GET, HEAD');
    });
  });
});
