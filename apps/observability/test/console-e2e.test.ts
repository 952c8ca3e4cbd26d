import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { launchChromium } from '../src/testing/chromium.js';
import { buildConsole } from './support/console-build.js';
import { type Seeded, seedConsoleData, XSS_PAYLOAD } from './support/console-seed.js';
import { runHoneycombQuery } from './support/honeycomb-client.js';
import { startTestServer, stopAllServers, tempDataFile } from './support/running-server.js';

const SHOTS = fileURLToPath(new URL('../../../artifacts/console/', import.meta.url));
const SPEC = {
  calculations: [{ op: 'AVG', column: 'duration_ms' }],
  breakdowns: ['app.userId'],
  time_range: 3600,
};

describe('the console in Chromium against a real server filled by the OTel exporters', () => {
  let server: RunningServer;
  let seeded: Seeded;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await buildConsole();
    server = await startTestServer({ data: tempDataFile() });
    seeded = await seedConsoleData(server.url);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(20_000);
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stopAllServers();
  });

  it('opens on the overview with the datasets and recent traces', async () => {
    await page.goto(`${server.url}/`);
    const datasets = page.getByRole('region', { name: 'Datasets' });
    await datasets.getByRole('cell', { name: 'cruddur-backend', exact: true }).waitFor();
    await page.getByRole('region', { name: 'Recent traces' }).getByRole('link').first().waitFor();
    await shot('overview');
    expect(pageErrors).toEqual([]);
  });

  it("builds AVG(duration_ms) GROUP BY app.userId; chart and table match the API's numbers", async () => {
    await page.goto(`${server.url}/query`);
    await page.getByLabel('Dataset', { exact: true }).selectOption('cruddur-backend');
    await page.getByLabel('Calculation 1 operator', { exact: true }).selectOption('AVG');
    await page.getByLabel('Calculation 1 column', { exact: true }).fill('duration_ms');
    await page.getByRole('button', { name: '+ Group by' }).click();
    await page.getByLabel('Group by 1', { exact: true }).fill('app.userId');
    await page.getByLabel('Time range preset', { exact: true }).selectOption('3600');
    await page.getByRole('button', { name: 'Run query' }).click();
    const table = page.getByRole('table', { name: 'Query results' });
    await table.waitFor();

    const url = new URL(page.url());
    expect(url.pathname).toBe('/query');
    expect(JSON.parse(url.searchParams.get('query')!)).toEqual({ ...SPEC, limit: 100 });

    const api = await runHoneycombQuery(server.url, 'cruddur-backend', SPEC);
    const expected = new Map(
      api.results.map((r) => [String(r.data['app.userId']), Number(r.data['AVG(duration_ms)'])]),
    );
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
    expect(rows).toHaveLength(expected.size);
    for (const [, user, avg] of rows) {
      const truth = expected.get(user === '(none)' ? 'null' : user!)!;
      expect(truth, user).toBeDefined();
      expect(Number(avg!.replaceAll(',', ''))).toBeCloseTo(Number(truth.toPrecision(4)), 6);
    }

    // One line per user in the chart's legend; hovering shows values.
    const chart = page.getByTestId('chart-AVG(duration_ms)');
    const labels = await chart.locator('.u-legend .u-series .u-label').allTextContents();
    expect(labels.slice(1).sort()).toEqual(
      [...expected.keys()].map((u) => (u === 'null' ? '(none)' : u)).sort(),
    );
    const over = chart.locator('.u-over');
    const box = (await over.boundingBox())!;
    let shown: string[] = [];
    for (let x = box.x + box.width - 2; x > box.x && !shown.some((v) => /\d/.test(v)); x -= 4) {
      await page.mouse.move(x, box.y + box.height / 2);
      shown = await chart.locator('.u-legend .u-series .u-value').allTextContents();
    }
    expect(shown.some((v) => /\d/.test(v))).toBe(true);
    await shot('query-avg-by-user');
  });

  it('keeps the query in history: back restores the previous query', async () => {
    const first = page.url();
    await page.getByLabel('Calculation 1 operator', { exact: true }).selectOption('MAX');
    await page.getByRole('button', { name: 'Run query' }).click();
    await page.waitForURL((u) => u.toString() !== first);
    await page.getByTestId('chart-MAX(duration_ms)').waitFor();
    await page.goBack();
    await page.getByTestId('chart-AVG(duration_ms)').waitFor();
    expect(page.url()).toBe(first);
    expect(await page.getByLabel('Calculation 1 operator', { exact: true }).inputValue()).toBe(
      'AVG',
    );
  });

  it('drills from a table row into its spans, then into a trace waterfall, its log and its error', async () => {
    await page
      .getByRole('table', { name: 'Query results' })
      .getByRole('row', { name: /\bworf\b/ })
      .click();
    const drill = page.getByRole('region', { name: 'Matching spans' });
    await drill.getByRole('link').first().waitFor();
    const hrefs = await drill
      .getByRole('link')
      .evaluateAll((links) =>
        links.map((a) => a.getAttribute('href')?.split('?')[0]?.split('/').pop()),
      );
    const worf = seeded.traces.filter((t) => t.userId === 'worf');
    expect(hrefs.sort()).toEqual(worf.map((t) => t.traceId).sort());
    await shot('query-drill');

    // The failed request: open its waterfall through the trace search.
    const failed = seeded.failedTrace;
    await page.goto(`${server.url}/traces?status=error&range=3600`);
    await page.getByRole('table', { name: 'Traces' }).getByRole('link').first().click();
    await page.waitForURL(`**/traces/${failed.traceId}`);
    const waterfall = page.getByLabel('Trace waterfall', { exact: true });
    await waterfall.getByRole('treeitem').nth(2).waitFor();
    expect(await waterfall.getByRole('treeitem').count()).toBe(3);
    expect(await page.locator('.waterfall-row.critical').count()).toBeGreaterThanOrEqual(2);
    await waterfall
      .getByRole('button', { name: /^cruddur-backend GET \/api\/activities\/home/ })
      .click();
    const details = page.getByRole('complementary', { name: 'Span details' });
    await details.getByText('home activities failed', { exact: false }).waitFor();
    await shot('trace-waterfall');

    // Jump to the log line in the Logs view.
    await details.getByRole('link', { name: 'in Logs' }).click();
    await page.waitForURL('**/logs?**');
    const highlighted = page.locator('.log-event.highlighted');
    await highlighted.waitFor();
    expect(await highlighted.textContent()).toContain('home activities failed');
    await shot('logs-jump');

    // And to its Rollbar error, which links back to the trace.
    await page.goBack();
    await page
      .getByRole('region', { name: 'Errors in this trace' })
      .getByRole('link')
      .first()
      .click();
    await page.waitForURL('**/errors/**');
    await page.getByRole('heading', { level: 1, name: /DatabaseError/ }).waitFor();
    const occurrence = page.getByRole('region', { name: 'Occurrence' });
    await occurrence.getByText('DatabaseError').first().waitFor();
    await occurrence
      .getByRole('table', { name: 'Person' })
      .getByText(failed.userId)
      .first()
      .waitFor();
    await occurrence
      .getByRole('table', { name: 'Request' })
      .getByText('/api/activities/home', { exact: false })
      .waitFor();
    await shot('error-item');
    await page.getByRole('link', { name: /Open this occurrence's trace/ }).click();
    await page.waitForURL(`**/traces/${failed.traceId}?span=${failed.backendSpanId}`);
    await page.getByRole('complementary', { name: 'Span details' }).waitFor();
  });

  it('shows the same trace as X-Ray segments', async () => {
    await page.goto(`${server.url}/traces/${seeded.failedTrace.traceId}?view=xray`);
    const table = page.getByRole('table', { name: 'X-Ray segments' });
    await table.waitFor();
    expect(await table.getByText('cruddur-backend').count()).toBeGreaterThan(0);
    await shot('trace-xray');
  });

  it('renders attribute values, log bodies and error messages as text (no HTML injection)', async () => {
    const first = seeded.traces[0]!;
    await page.goto(`${server.url}/traces/${first.traceId}?span=${first.frontendSpanId}`);
    const attributes = page.getByRole('table', { name: 'Attributes' });
    await attributes.getByText(XSS_PAYLOAD, { exact: true }).waitFor();
    await page.goto(`${server.url}/traces/${first.traceId}?span=${first.backendSpanId}`);
    await page.getByTestId('trace-log-line').getByText(XSS_PAYLOAD, { exact: false }).waitFor();
    await page.goto(
      `${server.url}/traces/${seeded.failedTrace.traceId}?span=${seeded.failedTrace.dbSpanId}`,
    );
    await page
      .getByRole('region', { name: 'Errors' })
      .locator('.exception')
      .getByText(XSS_PAYLOAD, { exact: false })
      .waitFor();
    await page.goto(`${server.url}/errors`);
    await page
      .getByRole('table', { name: 'Error items' })
      .getByText(XSS_PAYLOAD, { exact: false })
      .waitFor();
    await page.goto(`${server.url}/logs?range=3600`);
    await page.getByTestId('log-event').first().waitFor();
    expect(
      await page.getByTestId('log-event').getByText(XSS_PAYLOAD, { exact: false }).count(),
    ).toBeGreaterThan(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await shot('xss-as-text');
  });

  it('drills from a point on a line into the spans of that bucket and group', async () => {
    const spec = { ...SPEC, time_range: 1800, granularity: 60 };
    const search = new URLSearchParams({ dataset: 'cruddur-backend', query: JSON.stringify(spec) });
    await page.goto(`${server.url}/query?${search}`);
    const chart = page.getByTestId('chart-AVG(duration_ms)');
    await chart.locator('.u-over').waitFor();
    const box = (await chart.locator('.u-over').boundingBox())!;
    // Walk along the middle of the chart until a click lands near a line and opens its spans.
    const drill = page.getByRole('region', { name: 'Matching spans' });
    for (let x = box.x + box.width - 2; x > box.x && !(await drill.isVisible()); x -= 3) {
      for (const y of [0.95, 0.85, 0.7, 0.5]) {
        await page.mouse.click(x, box.y + box.height * y);
        if (await drill.isVisible()) break;
      }
    }
    await drill.getByRole('link').first().waitFor();
    const title = (await drill.getByRole('heading').textContent()) ?? '';
    const user = /Spans: (\S+) at/.exec(title)?.[1];
    const services = await drill.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(new Set(services)).toEqual(new Set(['cruddur-backend']));
    const traces = await drill
      .getByRole('link')
      .evaluateAll((links) =>
        links.map((a) => a.getAttribute('href')?.split('?')[0]?.split('/').pop()),
      );
    const ofUser = new Set(
      seeded.traces.filter((t) => user === '(none)' || t.userId === user).map((t) => t.traceId),
    );
    for (const id of traces) expect(ofUser.has(id!), `${id} belongs to ${user}`).toBe(true);
  });

  it('browses log groups → streams → events, and searches with a filter pattern', async () => {
    await page.goto(`${server.url}/logs?range=3600`);
    await page
      .getByRole('list', { name: 'Log groups' })
      .getByRole('button', { name: 'otlp/cruddur-backend' })
      .click();
    await page
      .getByRole('list', { name: 'Log streams' })
      .getByRole('button', { name: 'default' })
      .click();
    await page.getByText('Events of otlp/cruddur-backend / default').waitFor();
    await expect.poll(() => page.getByTestId('log-event').count()).toBe(seeded.traces.length);
    await page.getByLabel('Filter pattern', { exact: true }).fill('failed');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.getByTestId('log-event').count()).toBe(1);
    expect(await page.getByTestId('log-event').textContent()).toContain('home activities failed');
    expect(new URL(page.url()).searchParams.get('pattern')).toBe('failed');
    await shot('logs-search');
  });

  it('tails logs live as they arrive', async () => {
    await page.goto(`${server.url}/logs?groups=otlp%2Fcruddur-backend&tail=1`);
    await page.getByText('Live tail of 1 groups', { exact: false }).waitFor();
    const marker = `tail-marker-${Date.now()}`;
    const res = await fetch(`${server.url}/v1/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        resourceLogs: [
          {
            resource: {
              attributes: [{ key: 'service.name', value: { stringValue: 'cruddur-backend' } }],
            },
            scopeLogs: [
              {
                logRecords: [
                  {
                    timeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
                    severityText: 'INFO',
                    body: { stringValue: marker },
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    expect(res.status).toBe(200);
    await page.getByTestId('log-event').getByText(marker).waitFor();
  });

  it('tells a new user what to send when the server is empty', async () => {
    const empty = await startTestServer();
    await page.goto(`${empty.url}/`);
    await page.getByRole('heading', { name: 'No telemetry yet' }).waitFor();
    const text = (await page.locator('.empty-state').textContent()) ?? '';
    for (const variable of [
      `OTEL_EXPORTER_OTLP_ENDPOINT=${empty.url}`,
      'AWS_XRAY_DAEMON_ADDRESS=',
      `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=${empty.url}`,
      `ROLLBAR_ENDPOINT=${empty.url}/api/1/item/`,
    ]) {
      expect(text).toContain(variable);
    }
    await shot('empty-overview');
  });

  it('asks for a query key when keys are configured and keeps it for the session only', async () => {
    const secured = await startTestServer({ ingestKeys: ['ingest-key'], queryKeys: ['query-key'] });
    await fetch(`${secured.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-honeycomb-team': 'ingest-key' },
      body: JSON.stringify({
        resourceSpans: [
          {
            resource: {
              attributes: [{ key: 'service.name', value: { stringValue: 'keyed-service' } }],
            },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: 'ab'.repeat(16),
                    spanId: 'cd'.repeat(8),
                    name: 'keyed span',
                    kind: 2,
                    startTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
                    endTimeUnixNano: String(BigInt(Date.now() + 5) * 1_000_000n),
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    const context = await browser.newContext();
    const keyed = await context.newPage();
    await keyed.goto(`${secured.url}/`);
    await keyed.getByRole('alert').getByText('401', { exact: false }).waitFor();
    const prompt = keyed.getByRole('form', { name: 'Query key' });
    await prompt.getByLabel('Query key value').fill('query-key');
    await prompt.getByRole('button', { name: 'Use key' }).click();
    await keyed
      .getByRole('region', { name: 'Datasets' })
      .getByRole('cell', { name: 'keyed-service', exact: true })
      .waitFor();
    const stored = await keyed.evaluate(
      '({ session: Object.values(sessionStorage), local: Object.values(localStorage) })',
    );
    expect(stored).toEqual({ session: ['query-key'], local: [] });
    expect(keyed.url()).not.toContain('query-key');
    await keyed.screenshot({ path: `${SHOTS}keyed-overview.png` });
    await context.close();
  });

  it('draws the service map and the other views', async () => {
    await page.goto(`${server.url}/map?range=3600`);
    await page.getByTestId('edge-cruddur-frontend->cruddur-backend').waitFor();
    await page.getByTestId('edge-cruddur-backend->postgresql').waitFor();
    await shot('service-map');
    await page.goto(`${server.url}/traces?range=3600`);
    await page.getByRole('table', { name: 'Traces' }).waitFor();
    await shot('traces');
    await page.goto(`${server.url}/errors`);
    await page.getByRole('table', { name: 'Error items' }).waitFor();
    await shot('errors');
    const heatmap = new URLSearchParams({
      dataset: 'cruddur-backend',
      query: JSON.stringify({
        calculations: [{ op: 'HEATMAP', column: 'duration_ms' }, { op: 'COUNT' }],
        time_range: 3600,
      }),
    });
    await page.goto(`${server.url}/query?${heatmap}`);
    await page.getByRole('img', { name: 'Heatmap of HEATMAP(duration_ms)' }).waitFor();
    await page.locator('.heat-cell').first().click();
    await page.getByRole('region', { name: 'Matching spans' }).getByRole('link').first().waitFor();
    await shot('query-heatmap');
    expect(pageErrors).toEqual([]);
  });

  it('resolves and mutes error items through the Rollbar API', async () => {
    await page.goto(`${server.url}/errors`);
    const items = page.getByRole('table', { name: 'Error items' });
    await items.getByRole('button', { name: 'Resolve' }).click();
    await page.getByText('No items match.').waitFor();
    await page.getByLabel('Status', { exact: true }).selectOption('resolved');
    await items.getByRole('cell', { name: 'resolved', exact: true }).waitFor();
    await items.getByRole('button', { name: 'Mute' }).click();
    await page.getByLabel('Status', { exact: true }).selectOption('muted');
    await items.getByRole('cell', { name: 'muted', exact: true }).waitFor();
    const api = await fetch(`${server.url}/api/1/items/?status=muted`);
    const body = (await api.json()) as { result: { items: { title: string }[] } };
    expect(body.result.items.map((i) => i.title)).toEqual([
      expect.stringContaining('DatabaseError'),
    ]);
  });
});
