import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { launchChromium } from '../../apps/observability/src/testing/chromium.js';
import { SERVICE_NAME } from '../payloads/workload.js';
import { benchmarkSpec } from '../query/benchmark-query.js';
import { existingDataset } from '../query/dataset-10m.js';
import { registerCleanup } from '../support/cleanup.js';
import { fmtMs, fmtRatio, printTable, verdict } from '../support/format.js';
import { runHoneycombQuery } from '../support/honeycomb-api.js';
import { startObservability } from '../support/observability-server.js';
import { REPO_ROOT } from '../support/paths.js';
import { median } from '../support/stats.js';
import { timeSpanClick, timeToReady } from './browser-timing.js';
import { waterfallTraceRequest } from './waterfall-trace.js';

export interface ConsoleBenchOptions {
  readonly repetitions: number;
}

const WATERFALL_TARGET_MS = 1000;
const QUERY_TARGET_MS = 1500;
const BIG_TRACE = 2000;
const SMALL_TRACE = 20;

/**
 * The console in Chromium, timed with the Performance API from navigation start: a 2,000-span
 * waterfall until it has answered a click (beside a 20-span one), and the query view over the
 * 10M-span file until its chart and table are painted (beside the same query through the API).
 */
export async function consoleBench(options: ConsoleBenchOptions): Promise<void> {
  console.log('\n== console: 2,000-span waterfall and a query over 10M spans, in Chromium');
  await build({
    configFile: join(REPO_ROOT, 'apps/observability/console/vite.config.ts'),
    logLevel: 'warn',
  });
  const browser = await launchChromium();
  const unregister = registerCleanup({
    name: 'chromium',
    stop: () => browser.close(),
    // Playwright kills the browsers it launched when this process exits.
    kill: () => undefined,
  });
  try {
    const waterfall = await waterfallTimings(browser, options.repetitions);
    const query = await queryTimings(browser, options.repetitions);
    report(waterfall, query);
  } finally {
    await browser.close();
    unregister();
  }
}

interface WaterfallTimings {
  readonly ready: Record<number, number[]>;
  readonly data: Record<number, number[]>;
  readonly click: Record<number, number[]>;
}

async function waterfallTimings(browser: Browser, repetitions: number): Promise<WaterfallTimings> {
  const dir = mkdtempSync(join(tmpdir(), 'console-bench-'));
  const server = await startObservability({ data: join(dir, 'waterfall.duckdb'), cpus: undefined });
  const ready: Record<number, number[]> = { [SMALL_TRACE]: [], [BIG_TRACE]: [] };
  const click: Record<number, number[]> = { [SMALL_TRACE]: [], [BIG_TRACE]: [] };
  const data: Record<number, number[]> = { [SMALL_TRACE]: [], [BIG_TRACE]: [] };
  try {
    const traces = new Map<number, string>();
    for (const size of [SMALL_TRACE, BIG_TRACE]) {
      const { traceId, body } = waterfallTraceRequest(size);
      const res = await fetch(`${server.url}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      if (!res.ok)
        throw new Error(`ingest of the ${size}-span trace: ${res.status} ${await res.text()}`);
      traces.set(size, traceId);
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // One warm-up each (first compile of the bundle), then the sizes alternate, side by side.
    for (let r = -1; r < repetitions; r++) {
      for (const size of [SMALL_TRACE, BIG_TRACE]) {
        const url = `${server.url}/traces/${traces.get(size)}`;
        // Drawn: the span details and the rows in view (the list is windowed).
        const drawn = await timeToReady(page, url, {
          '[data-span-id]': Math.min(size, 30),
          '.span-details': 1,
        });
        const clickMs = await timeSpanClick(page, Math.floor(size * 0.75));
        if (r >= 0) {
          ready[size]!.push(drawn.readyMs);
          data[size]!.push(drawn.dataMs);
          click[size]!.push(clickMs);
        }
      }
    }
    await page.close();
  } finally {
    await server.child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return { ready, data, click };
}

interface QueryTimings {
  readonly browser: number[];
  readonly data: number[];
  readonly api: number[];
  readonly groups: number;
}

async function queryTimings(
  browser: Browser,
  repetitions: number,
): Promise<QueryTimings | undefined> {
  const dataset = existingDataset();
  if (dataset === undefined) {
    console.log(
      '   query view skipped: no .bench/query-10m.duckdb yet (npm run bench -- query makes it)',
    );
    return undefined;
  }
  const spec = benchmarkSpec(dataset.startSec, dataset.endSec);
  const server = await startObservability({ data: dataset.path, cpus: undefined });
  const timings: QueryTimings = { browser: [], data: [], api: [], groups: 0 };
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const url = `${server.url}/query?${new URLSearchParams({ dataset: SERVICE_NAME, query: JSON.stringify(spec) })}`;
    const ready = { 'table[aria-label="Query results"] tbody tr': 1, '.u-over': 2 };
    for (let r = -1; r < repetitions; r++) {
      const view = await timeToReady(page, url, ready);
      const api = await runHoneycombQuery(server.url, SERVICE_NAME, spec, { disableSeries: true });
      if (r >= 0) {
        timings.browser.push(view.readyMs);
        timings.data.push(view.dataMs);
        timings.api.push(api.totalMs);
      }
      (timings as { groups: number }).groups = api.data.results.length;
    }
    await page.close();
  } finally {
    await server.child.stop();
  }
  return timings;
}

function report(waterfall: WaterfallTimings, query: QueryTimings | undefined): void {
  const at = (size: number) => ({
    drawn: median(waterfall.ready[size]!),
    data: median(waterfall.data[size]!),
    click: median(waterfall.click[size]!),
  });
  const small = at(SMALL_TRACE);
  const big = at(BIG_TRACE);
  const interactive = (t: typeof big) => t.drawn + t.click;
  const rows: string[][] = [
    [
      `waterfall, ${SMALL_TRACE} spans`,
      fmtMs(small.data),
      fmtMs(small.drawn),
      fmtMs(small.click),
      fmtMs(interactive(small)),
      '',
      '',
    ],
    [
      `waterfall, ${BIG_TRACE} spans`,
      fmtMs(big.data),
      fmtMs(big.drawn),
      fmtMs(big.click),
      fmtMs(interactive(big)),
      `< ${fmtMs(WATERFALL_TARGET_MS)}`,
      verdict(interactive(big) < WATERFALL_TARGET_MS),
    ],
  ];
  if (query) {
    const view = median(query.browser);
    rows.push([
      `query view, 10M spans (${query.groups} groups)`,
      fmtMs(median(query.data)),
      fmtMs(view),
      '',
      fmtMs(view),
      `< ${fmtMs(QUERY_TARGET_MS)}`,
      verdict(view < QUERY_TARGET_MS),
    ]);
    rows.push([
      "  the table's query alone, through the API",
      '',
      '',
      '',
      fmtMs(median(query.api)),
      '',
      '',
    ]);
  }
  printTable(
    [
      'medians, from navigation start',
      'data in',
      'drawn',
      'click → details',
      'interactive',
      'target',
      '',
    ],
    rows,
  );
  console.log(
    `   ${BIG_TRACE} vs ${SMALL_TRACE} spans: ${fmtRatio(interactive(big) / interactive(small))} the time to interactive`,
  );
  if (query) {
    console.log(
      `   query view vs its table's query alone: ${fmtRatio(median(query.browser) / median(query.api))} (page load, the rows, then the top groups' series, chart and table)`,
    );
  }
}
