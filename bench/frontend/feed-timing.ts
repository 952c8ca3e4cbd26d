import type { Browser } from 'playwright-core';

/**
 * Runs in the page before any of its scripts: notes `performance.now()` (milliseconds since the
 * navigation started) when the feed's first crud is in the DOM. A string, because the bench is
 * compiled without the DOM library.
 */
const RECORD_FEED_RENDERED = `
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid=activity]')) {
      window.__feedRenderedMs = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

/** Milliseconds from navigation to the home feed rendered, in a fresh (cold-cache) context. */
export async function timeToFeed(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(RECORD_FEED_RENDERED);
    await page.goto(url);
    await page.waitForFunction('window.__feedRenderedMs !== undefined', undefined, {
      timeout: 30_000,
    });
    return (await page.evaluate('window.__feedRenderedMs')) as number;
  } finally {
    await context.close();
  }
}
