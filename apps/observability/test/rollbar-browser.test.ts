import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rollbarTokensSchema } from '../src/http/rollbar-scopes.js';
import { type RunningServer, startServer } from '../src/server.js';
import { launchChromium } from '../src/testing/chromium.js';
import { testConfig } from './support/running-server.js';

const require = createRequire(import.meta.url);
// The package's browser bundle, next to its CommonJS entry (the exports map hides dist/).
const ROLLBAR_UMD = readFileSync(
  join(dirname(require.resolve('rollbar')), 'rollbar.umd.min.js'),
  'utf8',
);

let browser: Browser;
const servers: RunningServer[] = [];
const pages: Server[] = [];
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  for (const page of pages.splice(0)) page.close();
});

/** A front end on its own origin serving a page with the rollbar.js browser bundle. */
async function frontEnd(): Promise<string> {
  const page = createServer((req, res) => {
    if (req.url === '/rollbar.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(ROLLBAR_UMD);
      return;
    }
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><script src="/rollbar.js"></script><p>cruddur</p>');
  });
  pages.push(page);
  await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
}

type BrowserRollbarClass = new (
  options: object,
) => { error(error: Error, callback: (error: Error | null) => void): void };

/** Reports an error with the browser SDK from `origin`; resolves with the SDK's verdict. */
async function reportFromBrowser(origin: string, endpoint: string, token: string): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.goto(origin);
    return await page.evaluate(
      ({ endpoint, token }) =>
        new Promise<string>((resolve) => {
          // The UMD bundle's global; typed here because the page has no module types.
          const Rollbar = (globalThis as unknown as { rollbar: BrowserRollbarClass }).rollbar;
          const rollbar = new Rollbar({ accessToken: token, endpoint, environment: 'test' });
          rollbar.error(new Error('feed failed to render'), (error: Error | null) =>
            resolve(error ? `error: ${error.message}` : 'ok'),
          );
        }),
      { endpoint, token },
    );
  } finally {
    await page.close();
  }
}

describe('rollbar.js in a browser', () => {
  it('posts cross-origin from the front end with a client token', async () => {
    const origin = await frontEnd();
    const server = await startServer(
      testConfig({ rollbarTokens: rollbarTokensSchema.parse('web:post_client_item') }),
      { corsOrigins: [origin] },
    );
    servers.push(server);
    expect(await reportFromBrowser(origin, `${server.url}/api/1/item/`, 'web')).toBe('ok');
    const { items } = await server.store.errors.listItems();
    expect(items.map((i) => [i.title, i.platform, i.level])).toEqual([
      ['Error: feed failed to render', 'browser', 'error'],
    ]);
  });

  it('is blocked from an origin that is not the front end, storing nothing', async () => {
    const origin = await frontEnd();
    const server = await startServer(testConfig(), { corsOrigins: ['http://localhost:3000'] });
    servers.push(server);
    expect(await reportFromBrowser(origin, `${server.url}/api/1/item/`, 'web')).toMatch(/^error/);
    expect((await server.store.errors.listItems()).totalCount).toBe(0);
  });
});
