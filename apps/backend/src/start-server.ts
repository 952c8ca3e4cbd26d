import type { AddressInfo } from 'node:net';
import type { ErrorReporter, Logger } from '@cruddur/telemetry/node';
import { createApp } from './app.js';
import type { BackendConfig } from './config/config-schema.js';
import { openDatabase } from './db/open-database.js';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** What the running process shares with the app: its logger and error reporter. */
export interface ServerTelemetry {
  logger?: Logger;
  errors?: ErrorReporter;
}

/**
 * Opens the database (migrating and seeding it), builds the app and listens. `stop` closes the
 * listener, waits for in-flight requests, then closes the database.
 */
export async function startServer(
  config: BackendConfig,
  telemetry: ServerTelemetry = {},
): Promise<RunningServer> {
  const db = await openDatabase(config.database, telemetry.logger);
  const app = createApp({
    db,
    corsOrigins: config.corsOrigins,
    sessionSecret: config.sessionSecret,
    rollbarTestRoutes: config.rollbarTestRoutes,
    ...telemetry,
  });
  const server = app.listen(config.port, config.host);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    async stop() {
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      await db.close();
    },
  };
}
