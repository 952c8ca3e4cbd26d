import { type Browser, chromium, type LaunchOptions } from 'playwright-core';

/** Debian's Chromium unless `CHROMIUM_PATH` names another build. */
export const CHROMIUM_EXECUTABLE_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless, and with everything that would reach the network on its own switched off, so a test
 * or a benchmark sees only the traffic it causes.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The one way tests and benchmarks start a browser. */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    ...options,
    executablePath: CHROMIUM_EXECUTABLE_PATH,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}
