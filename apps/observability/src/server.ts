import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { ServerConfig } from './config.js';
import { createApp } from './http/app.js';
import { TelemetryStore } from './store/telemetry-store.js';

export interface RunningServer {
  readonly url: string;
  readonly store: TelemetryStore;
  /** Stops accepting, lets in-flight requests finish, commits and closes the store. */
  stop(): Promise<void>;
}

/** Browser origins allowed to send telemetry by default: the Cruddur front end. */
const DEFAULT_CORS_ORIGINS = ['http://localhost:3000', 'http://127.0.0.1:3000'];

export async function startServer(
  config: ServerConfig,
  options: { corsOrigins?: readonly string[]; now?: () => number } = {},
): Promise<RunningServer> {
  const store = await TelemetryStore.open({
    path: config.data,
    maxPendingRows: config.maxPendingRows,
  });
  const app = createApp({
    store,
    config: { ...config, corsOrigins: options.corsOrigins ?? DEFAULT_CORS_ORIGINS },
    now: options.now ?? Date.now,
  });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.httpPort, config.host, () => resolve());
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    store,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await store.close();
    },
  };
}
