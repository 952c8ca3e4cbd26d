import { mkdtemp, rm, symlink, unlink } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticServer } from '../../apps/frontend/server/static-server.js';
import { launchChromium } from '../../apps/observability/src/testing/chromium.js';
import { buildApps } from '../app-overhead/backend.js';
import { Child } from '../support/child-process.js';
import { registerCleanup } from '../support/cleanup.js';
import { fmtMs, fmtRatio, printTable, verdict } from '../support/format.js';
import { serverEntry } from '../support/observability-server.js';
import { REPO_ROOT } from '../support/paths.js';
import { median, quantile } from '../support/stats.js';
import { bundleSize } from './bundle-size.js';
import { timeToFeed } from './feed-timing.js';

const KB = 1024;
const SIZE_TARGET_KB = 60;
const RATIO_TARGET = 1.1;
const VARIANTS = ['on', 'off'] as const;
type Variant = (typeof VARIANTS)[number];

export interface FrontendBenchOptions {
  /** Navigations per variant, alternating on/off so drift hits both alike. */
  readonly navigations: number;
  readonly warmup: number;
}

/**
 * The front end with its telemetry module versus without it (`CRUDDUR_TELEMETRY=off` swaps the
 * module for a no-op at build time): production bundle size (gzip), and the time from navigation
 * to the home feed rendered on loopback, against the same API and observability server, served
 * from the same origin (the build folder is swapped under the static server between navigations).
 */
export async function frontendBench(options: FrontendBenchOptions): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'cruddur-frontend-bench-'));
  registerCleanup({
    name: 'front-end bench scratch',
    stop: () => rm(scratch, { recursive: true, force: true }),
    kill: () => undefined,
  });
  const current = join(scratch, 'current');
  const web = await startStaticServer({ root: current, host: '127.0.0.1', port: 0 });
  registerCleanup({ name: 'static server', stop: web.stop, kill: () => undefined });

  buildApps();
  const observability = new Child({
    name: 'observability server',
    cpus: undefined,
    command: process.execPath,
    args: [
      ...serverEntry().args,
      ...['--http-port', '0', '--xray-port', '0', '--data', ':memory:'],
      ...['--cors-origins', web.url],
    ],
  });
  const observabilityUrl = (
    await observability.waitForOutput(/listening on (http:\/\/[^\s"]+)/)
  )[1]!;
  const backend = new Child({
    name: 'backend',
    cpus: undefined,
    command: process.execPath,
    args: [join(REPO_ROOT, 'apps/backend/dist/main.js')],
    env: {
      HOST: '127.0.0.1',
      PORT: '0',
      CRUDDUR_DATA_DIR: join(scratch, 'cruddur'),
      FRONTEND_URL: web.url,
      SESSION_SECRET: 'front-end-bench-session-secret',
      OTEL_EXPORTER_OTLP_ENDPOINT: observabilityUrl,
      OTEL_SDK_DISABLED: 'true',
    },
  });
  const backendUrl = (
    await backend.waitForOutput(/Cruddur API on (http:\/\/[^\s"]+)/, 120_000)
  )[1]!;

  const dirs = {} as Record<Variant, string>;
  for (const variant of VARIANTS) {
    dirs[variant] = join(scratch, `dist-${variant}`);
    await new Child({
      name: `vite build (telemetry ${variant})`,
      cpus: undefined,
      command: process.execPath,
      args: [
        join(REPO_ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        'apps/frontend',
        '--outDir',
        dirs[variant],
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      env: {
        CRUDDUR_TELEMETRY: variant,
        VITE_BACKEND_URL: backendUrl,
        VITE_OTEL_EXPORTER_OTLP_ENDPOINT: observabilityUrl,
        VITE_ROLLBAR_ENDPOINT: `${observabilityUrl}/api/1/item/`,
      },
    }).done();
  }

  const sizes = { on: await bundleSize(dirs.on), off: await bundleSize(dirs.off) };
  const addedKb = (sizes.on.gzipBytes - sizes.off.gzipBytes) / KB;
  console.log('\nfront-end production bundle (JS + CSS)');
  printTable(
    ['telemetry', 'raw', 'gzip'],
    VARIANTS.map((variant) => [
      variant,
      `${(sizes[variant].rawBytes / KB).toFixed(1)} KB`,
      `${(sizes[variant].gzipBytes / KB).toFixed(1)} KB`,
    ]),
  );
  console.log(
    `telemetry adds ${addedKb.toFixed(1)} KB gzip (target < ${SIZE_TARGET_KB} KB: ${verdict(addedKb < SIZE_TARGET_KB)})`,
  );

  const browser = await launchChromium();
  registerCleanup({ name: 'chromium', stop: () => browser.close(), kill: () => undefined });
  const serve = async (variant: Variant) => {
    await unlink(current).catch(() => undefined);
    await symlink(dirs[variant], current);
  };
  const timings: Record<Variant, number[]> = { on: [], off: [] };
  for (let round = 0; round < options.warmup + options.navigations; round++) {
    const order = round % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
    for (const variant of order) {
      await serve(variant);
      const ms = await timeToFeed(browser, `${web.url}/`);
      if (round >= options.warmup) timings[variant].push(ms);
    }
  }
  await browser.close();

  console.log(
    `\nnavigation → home feed rendered (${options.navigations} cold navigations each, loopback)`,
  );
  printTable(
    ['telemetry', 'median', 'p90', 'min'],
    VARIANTS.map((variant) => [
      variant,
      fmtMs(median(timings[variant])),
      fmtMs(quantile(timings[variant], 0.9)),
      fmtMs(Math.min(...timings[variant])),
    ]),
  );
  // Each round's on and off ran back to back, so their ratio cancels slow drift in the machine.
  const paired = median(timings.on.map((on, i) => on / timings.off[i]!));
  const ratio = median(timings.on) / median(timings.off);
  console.log(
    `on/off ratio of medians ${fmtRatio(ratio)}; median of paired ratios ${fmtRatio(paired)}`,
  );
  console.log(
    `target ≤ ${RATIO_TARGET} (paired): ${verdict(paired <= RATIO_TARGET)}; load average ${loadavg()[0]!.toFixed(1)} on this machine during the run`,
  );
  await backend.stop();
  await observability.stop();
}
