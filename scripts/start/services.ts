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
      readyUrl: `http://127.0.0.1:${apiPort}/api/health`,
      openUrl: `http://127.0.0.1:${apiPort}/api/activities/home`,
    },
  ];
}
