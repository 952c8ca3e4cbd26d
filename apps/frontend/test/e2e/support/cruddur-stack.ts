import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestProcess } from './child-process.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const ROLLBAR_CLIENT_TOKEN = 'e2e-post-client-item';
const ROLLBAR_SERVER_TOKEN = 'e2e-post-server-item';
export const ROLLBAR_READ_TOKEN = 'e2e-read';

export interface CruddurStack {
  readonly frontendUrl: string;
  readonly backendUrl: string;
  readonly observabilityUrl: string;
  /** Every process's output so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The three real processes on loopback with ephemeral ports, wired the way `npm start` wires
 * them, plus a production build of the front end pointed at them. The static server starts first
 * (it serves whatever the build folder holds), so its origin is known to the two servers that
 * must allow it (CORS) before the build bakes their URLs in.
 */
export async function startCruddurStack(): Promise<CruddurStack> {
  const scratch = await mkdtemp(join(tmpdir(), 'cruddur-e2e-'));
  const dist = join(scratch, 'dist');
  const processes: TestProcess[] = [];
  const clean = Object.fromEntries(
    Object.keys(process.env)
      .filter((key) => /^(OTEL_|HONEYCOMB_|AWS_|ROLLBAR_|VITE_|OBSERVABILITY_)/.test(key))
      .map((key) => [key, undefined]),
  );
  const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
    ...process.env,
    ...clean,
    ...extra,
  });
  const run = (name: string, args: string[], extra: Record<string, string>) => {
    const child = new TestProcess(name, args, env(extra), REPO_ROOT);
    processes.push(child);
    return child;
  };
  const stop = async () => {
    await Promise.all(processes.map((child) => child.stop()));
    await rm(scratch, { recursive: true, force: true });
  };

  try {
    const frontend = run('frontend', ['--import', 'tsx', 'apps/frontend/server/serve.ts'], {
      FRONTEND_PORT: '0',
      FRONTEND_HOST: '127.0.0.1',
      FRONTEND_DIST: dist,
    });
    const frontendUrl = (await frontend.waitFor(/Cruddur web on (http:\/\/[^\s"]+)/))[1]!;

    const observability = run(
      'observability',
      [
        '--import',
        'tsx',
        'apps/observability/src/cli.ts',
        '--http-port',
        '0',
        '--xray-port',
        '0',
        '--data',
        ':memory:',
        '--cors-origins',
        frontendUrl,
        // As on rollbar.com: the browser holds a post_client_item token; reading needs another.
        '--rollbar-tokens',
        `${ROLLBAR_CLIENT_TOKEN}:post_client_item,${ROLLBAR_SERVER_TOKEN}:post_server_item,${ROLLBAR_READ_TOKEN}:read`,
      ],
      {},
    );
    const observabilityUrl = (await observability.waitFor(/listening on (http:\/\/[^\s"]+)/))[1]!;
    const xrayPort = (await observability.waitFor(/udp:127\.0\.0\.1:(\d+)/))[1]!;

    const backend = run(
      'backend',
      ['--import', 'tsx', '--conditions=development', 'apps/backend/src/main.ts'],
      {
        HOST: '127.0.0.1',
        PORT: '0',
        CRUDDUR_DATA_DIR: join(scratch, 'cruddur'),
        FRONTEND_URL: frontendUrl,
        SESSION_SECRET: 'end-to-end-test-session-secret',
        OTEL_EXPORTER_OTLP_ENDPOINT: observabilityUrl,
        OTEL_BSP_SCHEDULE_DELAY: '200',
        AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${xrayPort}`,
        // Every signal to this run's server, none to whatever listens on the default ports.
        AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: observabilityUrl,
        ROLLBAR_ENDPOINT: `${observabilityUrl}/api/1/item/`,
        ROLLBAR_ACCESS_TOKEN: ROLLBAR_SERVER_TOKEN,
      },
    );
    const backendUrl = (await backend.waitFor(/Cruddur API on (http:\/\/[^\s"]+)/, 90_000))[1]!;

    const build = run('build', ['--import', 'tsx', 'apps/frontend/server/build-if-changed.ts'], {
      FRONTEND_DIST: dist,
      VITE_BACKEND_URL: backendUrl,
      VITE_OTEL_EXPORTER_OTLP_ENDPOINT: observabilityUrl,
      VITE_ROLLBAR_ENDPOINT: `${observabilityUrl}/api/1/item/`,
      VITE_ROLLBAR_ACCESS_TOKEN: ROLLBAR_CLIENT_TOKEN,
      VITE_ROLLBAR_ENVIRONMENT: 'e2e',
    });
    if ((await build.exit()) !== 0) throw new Error(`front-end build failed:\n${build.output}`);

    return {
      frontendUrl,
      backendUrl,
      observabilityUrl,
      output: () => processes.map((child) => `--- ${child.name}\n${child.output}`).join('\n'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
