import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** Screenshots land in the repository's git-ignored `artifacts/`, where CI keeps them. */
const DIR = fileURLToPath(
  new URL('../../../../../artifacts/screenshots/frontend/', import.meta.url),
);

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(DIR, { recursive: true });
  await page.screenshot({ path: `${DIR}${name}.png`, fullPage: false });
}
