// @vitest-environment node

import { launchChromium } from '@cruddur/observability/testing/chromium';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CruddurStack,
  ROLLBAR_READ_TOKEN,
  startCruddurStack,
} from './support/cruddur-stack.js';
import { pollUntil } from './support/poll.js';
import { screenshot } from './support/screenshots.js';

interface SpanView {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  service: string;
  kind: string;
  attributes: Record<string, unknown>;
}

let stack: CruddurStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startCruddurStack();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('Cruddur in a browser, from the click to the database', () => {
  const crud = `Today is a good day to crud ${Date.now()}`;
  let postTraceId = '';

  it('signs worf in through POST /api/sessions', async () => {
    await page.goto(`${stack.frontendUrl}/signin`);
    await screenshot(page, 'sign-in');
    await page.getByLabel('Handle').fill('worf');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('current-user').textContent()).toBe('@worf');
    await page.getByTestId('feed').waitFor();
  });

  it('posts a crud that appears at the top of the feed, with traceparent sent to the API', async () => {
    await page.getByLabel('What would you like to say?').fill(crud);
    await expect
      .poll(() => page.getByTestId('character-counter').first().textContent())
      .toBe(`${[...crud].length}/280`);
    await page.getByLabel('expires in').selectOption('1-day');
    const posted = page.waitForRequest(
      (request) =>
        request.method() === 'POST' && request.url() === `${stack.backendUrl}/api/activities`,
    );
    await page.getByRole('button', { name: 'Crud', exact: true }).click();
    const traceparent = (await posted).headers().traceparent ?? '';
    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    postTraceId = traceparent.split('-')[1]!;

    const first = page.getByTestId('activity').first();
    await expect.poll(() => first.textContent()).toContain(crud);
    await expect.poll(() => first.textContent()).toContain('@worf');
    await screenshot(page, 'home-after-crud');
  });

  it('replies in the form that opens under the crud', async () => {
    const first = page.getByTestId('activity').first();
    await first.getByRole('button', { name: /Reply/ }).click();
    const form = page.getByRole('form', { name: 'Reply to @worf' });
    await form.getByRole('textbox').fill('Qapla’!');
    await screenshot(page, 'reply-form');
    await form.getByRole('button', { name: 'Reply', exact: true }).click();
    const thread = page.locator('.thread').first();
    await expect
      .poll(() => thread.locator('.activity-reply').first().textContent())
      .toContain('Qapla’!');
    await expect
      .poll(() => first.getByRole('button', { name: /Reply/ }).textContent())
      .toContain('1');
  });

  it("puts the browser's spans and the API's server and database spans in the click's trace", async () => {
    const spans = await pollUntil(
      'the crud trace with browser, server and database spans',
      async () => {
        const response = await fetch(`${stack.observabilityUrl}/api/traces/${postTraceId}`);
        if (!response.ok) return undefined;
        const trace = (await response.json()) as { spans: SpanView[] };
        const complete =
          trace.spans.some(
            (span) => span.service === 'cruddur-frontend' && span.kind === 'client',
          ) &&
          trace.spans.some(
            (span) => span.service === 'cruddur-frontend' && span.kind === 'internal',
          ) &&
          trace.spans.some(
            (span) => span.service === 'cruddur-backend' && span.kind === 'server',
          ) &&
          trace.spans.some(
            (span) => span.service === 'cruddur-backend' && 'db.system' in span.attributes,
          );
        return complete ? trace.spans : undefined;
      },
    );

    const browserSpans = spans.filter((span) => span.service === 'cruddur-frontend');
    for (const span of browserSpans) expect(span.attributes['app.userId']).toBe('worf');
    const interaction = browserSpans.find((span) => span.kind === 'internal')!;
    expect(interaction.name).toMatch(/submit|click/);
    const fetchSpan = browserSpans.find((span) => span.kind === 'client')!;
    expect(fetchSpan.attributes['http.method'] ?? fetchSpan.attributes['http.request.method']).toBe(
      'POST',
    );

    // One tree: the API's server span hangs under the browser's fetch span.
    const server = spans.find(
      (span) => span.service === 'cruddur-backend' && span.kind === 'server',
    )!;
    expect(server.parentSpanId).toBe(fetchSpan.spanId);
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const database = spans.filter((span) => 'db.system' in span.attributes);
    for (const span of database) {
      let ancestor: SpanView | undefined = span;
      while (ancestor && ancestor.spanId !== server.spanId) {
        ancestor = ancestor.parentSpanId ? byId.get(ancestor.parentSpanId) : undefined;
      }
      expect(ancestor, `database span ${span.name} sits under the server span`).toBeDefined();
    }
  });

  it('turns an error thrown in the page into a Rollbar item with the same person and a trace', async () => {
    const message = `e2e boom ${Date.now()}`;
    await page.evaluate((text) => {
      setTimeout(() => {
        throw new Error(text);
      });
    }, message);
    await expect.poll(() => pageErrors).toContain(message);

    const rollbar = `${stack.observabilityUrl}/api/1`;
    const read = { headers: { 'x-rollbar-access-token': ROLLBAR_READ_TOKEN } };
    const item = await pollUntil('the Rollbar item', async () => {
      const response = await fetch(`${rollbar}/items/?query=${encodeURIComponent(message)}`, read);
      if (!response.ok) return undefined;
      const body = (await response.json()) as {
        result: { items: { id: number; title: string }[] };
      };
      return body.result.items.find((candidate) => candidate.title.includes(message));
    });
    const instances = (await (
      await fetch(`${rollbar}/item/${item.id}/instances`, read)
    ).json()) as {
      result: { instances: { data: Record<string, unknown> }[] };
    };
    const data = instances.result.instances[0]?.data ?? {};
    expect(data.person).toMatchObject({ id: 'worf', username: 'worf' });
    expect(data.platform).toBe('browser');
    expect((data.custom as { trace_id?: string } | undefined)?.trace_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('shows every main page, on desktop and narrow screens', async () => {
    const pages: [name: string, path: string, ready: string][] = [
      ['home', '/', '[data-testid=feed]'],
      ['notifications', '/notifications', '.page-title'],
      ['user-feed', '/@worf', '[data-testid=feed]'],
      ['search', `/search?term=${encodeURIComponent('crud')}`, '[data-testid=feed], .empty'],
      ['message-groups', '/messages', '.message-groups, .empty'],
      ['conversation', '/messages/@andrewbrown', '.messages, .empty'],
      ['sign-up', '/signup', '.coming-soon'],
      ['not-found', '/@worf/nope/nope', '.page-title'],
    ];
    for (const [name, path, ready] of pages) {
      await page.goto(`${stack.frontendUrl}${path}`);
      await page.locator(ready).first().waitFor();
      await expect(page.locator('[role=alert]').count()).resolves.toBe(0);
      await screenshot(page, name);
    }
    await page.goto(`${stack.frontendUrl}/@worf`);
    await page.getByTestId('activity').first().getByRole('link').nth(2).click();
    await page.getByRole('heading', { name: 'Crud' }).waitFor();
    await page.getByTestId('activity').first().waitFor();
    await screenshot(page, 'crud-with-replies');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.frontendUrl}/`);
    await page.getByTestId('feed').waitFor();
    await screenshot(page, 'home-narrow');
    await page.goto(`${stack.frontendUrl}/messages/@andrewbrown`);
    await page.locator('.messages, .empty').first().waitFor();
    await screenshot(page, 'conversation-narrow');
  });

  it('shows an API error instead of swallowing it', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${stack.frontendUrl}/@nobody_here`);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('404');
    await expect.poll(() => alert.textContent()).toContain('There is no user with that handle.');
    await screenshot(page, 'api-error');
  });

  it('signs out through DELETE /api/sessions, back to the default user', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Cruddur' }).waitFor();
    await expect
      .poll(() => page.getByTestId('current-user').textContent())
      .toBe('@andrewbrown (default)');
    await page.reload();
    await expect
      .poll(() => page.getByTestId('current-user').textContent())
      .toBe('@andrewbrown (default)');
  });
});
