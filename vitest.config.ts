import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The JSON report is what .ci/run counts for its closing "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: 'artifacts/test-results.json' },
    projects: [
      {
        test: {
          name: 'telemetry',
          root: 'packages/telemetry',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'backend',
          root: 'apps/backend',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'observability',
          root: 'apps/observability',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // The observability console's components in jsdom, with its Vite config (React plugin).
        extends: './apps/observability/console/vite.config.ts',
        test: {
          name: 'console',
          root: 'apps/observability/console',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          testTimeout: 30_000,
        },
      },
      {
        // The front end's Vite config (React plugin); component tests in jsdom, and the browser
        // end-to-end file opts into node with a `@vitest-environment node` comment.
        extends: './apps/frontend/vite.config.ts',
        test: {
          name: 'frontend',
          root: 'apps/frontend',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
