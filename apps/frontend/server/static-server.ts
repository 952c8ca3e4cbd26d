import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { contentType } from './content-type.js';

export interface StaticServerOptions {
  /** The build folder; read on every request, so it may be (re)built while serving. */
  readonly root: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
}

export interface RunningStaticServer {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Serves a single-page app's production build: files as they are (hashed assets cached for a
 * year), and `index.html` for any other page path so client-side routes survive a reload.
 */
export async function startStaticServer(
  options: StaticServerOptions,
): Promise<RunningStaticServer> {
  const server = createServer((req, res) => {
    serve(options.root, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`internal error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { address, port, family } = server.address() as AddressInfo;
  return {
    url: `http://${family === 'IPv6' ? `[${address}]` : address}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader('x-content-type-options', 'nosniff');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res
      .writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' })
      .end('GET or HEAD only');
    return;
  }
  const path = requestPath(req.url ?? '/');
  if (path === undefined) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('bad path');
    return;
  }
  const file = path === '/' ? undefined : await regularFile(join(root, path));
  if (file !== undefined) {
    const immutable = path.startsWith(`${sep}assets${sep}`) || path.startsWith('/assets/');
    send(req, res, file.path, file.size, immutable);
    return;
  }
  // A path with an extension names a file; anything else is a page of the app.
  if (path !== '/' && extname(path) !== '') {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const index = await regularFile(join(root, 'index.html'));
  if (index === undefined) {
    res
      .writeHead(503, { 'content-type': 'text/plain', 'retry-after': '2' })
      .end('the front end is not built yet');
    return;
  }
  send(req, res, index.path, index.size, false);
}

/** The decoded path, or undefined when it is malformed or climbs out of the root. */
function requestPath(url: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const normalized = normalize(decoded);
  if (normalized.split(/[\\/]/).includes('..')) return undefined;
  return normalized;
}

async function regularFile(path: string): Promise<{ path: string; size: number } | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size } : undefined;
  } catch {
    return undefined;
  }
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  size: number,
  immutable: boolean,
): void {
  res.writeHead(200, {
    'content-type': contentType(extname(path)),
    'content-length': size,
    // Hashed asset names change with their content; index.html must always be revalidated.
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(path)
    .on('error', () => res.destroy())
    .pipe(res);
}
