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
  ];
}

/**
 * Points the API's telemetry at this server unless the user chose a destination (an OTLP
 * endpoint or Honeycomb), and exports every second so a click shows up at once.
 */
function telemetryEnv(env: NodeJS.ProcessEnv, obsPort: string): Record<string, string> {
  const chosen =
    env.OTEL_EXPORTER_OTLP_ENDPOINT ||
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ||
    env.HONEYCOMB_API_KEY;
  return {
    ...(chosen ? {} : { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${obsPort}` }),
    OTEL_BSP_SCHEDULE_DELAY: env.OTEL_BSP_SCHEDULE_DELAY ?? '1000',
  };
}
