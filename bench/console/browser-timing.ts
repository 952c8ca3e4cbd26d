import type { Page } from 'playwright-core';

// The page-side code is a string: functions passed to page.evaluate would carry the helpers tsx
// injects into compiled functions (`__name`), which do not exist in the page.
const NEXT_PAINT = 'new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))';

/**
 * Opens `url` and returns milliseconds from navigation start (the Performance API's time origin)
 * until every selector matches at least its count of elements and the next frame is painted, and
 * when the last API response of the page had arrived.
 */
export async function timeToReady(
  page: Page,
  url: string,
  ready: Readonly<Record<string, number>>,
): Promise<{ readyMs: number; dataMs: number }> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return page.evaluate(`(async () => {
    const wanted = ${JSON.stringify(ready)};
    const done = () => Object.entries(wanted).every(([s, n]) => document.querySelectorAll(s).length >= n);
    await new Promise((resolve) => {
      const poll = () => (done() ? resolve() : requestAnimationFrame(poll));
      poll();
    });
    await ${NEXT_PAINT};
    // When the last API answer had arrived: the rest of the time is the page's own work.
    const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/') || e.name.includes('/1/'));
    return { readyMs: performance.now(), dataMs: Math.max(0, ...api.map((e) => e.responseEnd)) };
  })()`);
}

/**
 * After the waterfall is drawn: scrolls to row `rowIndex`, clicks a span there and returns
 * milliseconds until its details are shown and painted, i.e. how long the page takes to answer.
 */
export async function timeSpanClick(page: Page, rowIndex: number): Promise<number> {
  return page.evaluate(`(async () => {
    const list = document.querySelector('.waterfall-rows');
    list.scrollTop = ${rowIndex} * 25;
    list.dispatchEvent(new Event('scroll'));
    await ${NEXT_PAINT};
    const rows = document.querySelectorAll('[data-span-id]');
    const row = rows[Math.floor(rows.length / 2)];
    const spanId = row.dataset.spanId;
    const started = performance.now();
    row.querySelector('.span-label').click();
    await new Promise((resolve) => {
      const poll = () =>
        document.querySelector('.span-details .mono')?.textContent === spanId
          ? resolve()
          : requestAnimationFrame(poll);
      poll();
    });
    await ${NEXT_PAINT};
    return performance.now() - started;
  })()`);
}
