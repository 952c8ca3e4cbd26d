import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedItem {
  path: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as it arrived, to prove what never left the process. */
  raw: string;
}

/**
 * A loopback server answering like Rollbar's item endpoint (`{"err":0,...}`, which the SDK
 * requires) and keeping every raw item it was sent.
 */
export async function startRollbarCaptureServer(): Promise<{
  url: string;
  items: CapturedItem[];
  waitForItems(count: number, timeoutMs?: number): Promise<CapturedItem[]>;
  close(): Promise<void>;
}> {
  const items: CapturedItem[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      items.push({
        path: req.url ?? '',
        headers: req.headers,
        raw: Buffer.concat(chunks).toString('utf8'),
      });
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ err: 0, result: { id: null, uuid: crypto.randomUUID() } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    items,
    async waitForItems(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (items.length < count) {
        if (Date.now() > deadline) throw new Error(`${items.length} of ${count} items arrived`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return items;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
