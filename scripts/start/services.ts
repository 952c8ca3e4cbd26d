/** A process `npm start` runs, and how to tell it is ready. */
export interface ServiceSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly readyUrl: string;
  readonly openUrl: string;
}

/** Cruddur's processes in start order: telemetry's destination first, so no early span is lost. */
export function cruddurServices(env: NodeJS.ProcessEnv): ServiceSpec[] {
  const obsPort = env.OBSERVABILITY_HTTP_PORT ?? '4318';
  const apiPort = env.PORT ?? '4567';
  const webPort = env.FRONTEND_PORT ?? '3000';
  return [
    {
      name: 'observability',
      command: process.execPath,
      args: ['apps/observability/dist/cli.js'],
      readyUrl: `http://127.0.0.1:${obsPort}/health`,
      openUrl: `http://127.0.0.1:${obsPort}/`,
    },
    {
      name: 'backend',
      command: process.execPath,
      args: ['apps/backend/dist/main.js'],
      env: telemetryEnv(env, obsPort),
      readyUrl: `http://127.0.0.1:${apiPort}/api/health`,
      openUrl: `http://127.0.0.1:${apiPort}/api/activities/home`,
    },
    {
      name: 'frontend',
      command: process.execPath,
      args: ['--import', 'tsx', 'apps/frontend/server/serve.ts'],
      env: { FRONTEND_PORT: webPort },
      readyUrl: `http://127.0.0.1:${webPort}/`,
      // localhost, not 127.0.0.1: the API's default CORS origin, and the session cookie's site.
      openUrl: `http://localhost:${webPort}/`,
    },
  ];
}

/**
 * Points the API's telemetry at this server unless the user chose a destination (an OTLP
 * endpoint or Honeycomb; a CloudWatch endpoint or AWS credentials; a Rollbar endpoint or token),
 * and exports every second so a click shows up at once.
 */
function telemetryEnv(env: NodeJS.ProcessEnv, obsPort: string): Record<string, string> {
  const chosen =
    env.OTEL_EXPORTER_OTLP_ENDPOINT ||
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ||
    env.HONEYCOMB_API_KEY;
  const cloudWatchChosen =
    env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS ||
    env.AWS_ENDPOINT_URL ||
    env.AWS_ACCESS_KEY_ID ||
    env.AWS_PROFILE ||
    env.AWS_WEB_IDENTITY_TOKEN_FILE ||
    env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ||
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  const rollbarChosen = env.ROLLBAR_ENDPOINT || env.ROLLBAR_ACCESS_TOKEN;
  return {
    ...(chosen ? {} : { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${obsPort}` }),
    // The local server is the target, so X-Ray segments go to its daemon port too.
    ...(chosen || env.AWS_XRAY_DAEMON_ADDRESS
      ? {}
      : { AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${env.OBSERVABILITY_XRAY_PORT ?? '2000'}` }),
    ...(cloudWatchChosen
      ? {}
      : { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: `http://127.0.0.1:${obsPort}` }),
    ...(rollbarChosen ? {} : { ROLLBAR_ENDPOINT: `http://127.0.0.1:${obsPort}/api/1/item/` }),
    OTEL_BSP_SCHEDULE_DELAY: env.OTEL_BSP_SCHEDULE_DELAY ?? '1000',
    // The API's stdout is a pipe to this process: pretty lines when a person watches the terminal.
    LOG_FORMAT: env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
  };
}
