import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';
import { Hono } from 'hono';

/**
 * The console's client-side routes: a GET for any of them answers `index.html` so a shared link
 * or a reload opens the same view. Listed one by one so the fallback never shadows an API route.
 */
export const CONSOLE_PATHS = [
  '/',
  '/query',
  '/traces',
  '/traces/:traceId',
  '/map',
  '/errors',
  '/errors/:itemId',
  '/logs',
] as const;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

/** Scripts only from this origin and no framing: a second line of defence behind text rendering. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * Where `vite build` puts the console: `dist/console/` next to the compiled server, found from
 * both the compiled module (`dist/http/`) and the source one (`src/http/`, under tsx).
 */
function defaultConsoleDir(): string {
  const candidates = ['../console/', '../../dist/console/'].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}

/** Serves the built console at `/` (GET and HEAD only), its hashed assets, and the SPA fallback. */
export function consoleRoutes(options: { dir?: string } = {}): Hono {
  const app = new Hono();
  const dir = () => resolve(options.dir ?? defaultConsoleDir());

  const index = async (c: Context) => {
    const html = await readFile(join(dir(), 'index.html'), 'utf8').catch(() => undefined);
    if (html === undefined) {
      return c.text(
        'The console is not built. Run `npm run build:console -w apps/observability` (or `npm run build`) and reload.',
        503,
      );
    }
    return c.body(html, 200, {
      ...SECURITY_HEADERS,
      'content-type': CONTENT_TYPES['.html']!,
      'cache-control': 'no-cache',
    });
  };
  for (const path of CONSOLE_PATHS) app.get(path, index);

  app.get('/assets/*', async (c) => {
    const root = join(dir(), 'assets');
    const file = resolve(root, `.${c.req.path.slice('/assets'.length)}`);
    if (!file.startsWith(root + sep)) return c.notFound();
    const body = await readFile(file).catch(() => undefined);
    if (body === undefined) return c.notFound();
    return c.body(body, 200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      // Vite puts a content hash in every asset name, so a name never changes meaning.
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
  });

  return app;
}
