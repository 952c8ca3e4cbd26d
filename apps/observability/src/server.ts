import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { ServerConfig } from './config.js';
import { createApp } from './http/app.js';
import { TelemetryStore } from './store/telemetry-store.js';
import { openXrayServices } from './xray/xray-services.js';
import { startXrayDaemon } from './xray-daemon/xray-daemon.js';

export interface RunningServer {
  readonly url: string;
  readonly store: TelemetryStore;
  /** The X-Ray daemon's ports: segments over UDP, sampling over TCP (equal unless port 0). */
  readonly xrayUdpPort: number;
  readonly xrayTcpPort: number;
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
  const now = options.now ?? Date.now;
  const xray = await openXrayServices(store, { now });
  const app = createApp({
    store,
    xray,
    config: {
      ...config,
      corsOrigins: options.corsOrigins ?? config.corsOrigins ?? DEFAULT_CORS_ORIGINS,
    },
    now,
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
  const daemon = await startXrayDaemon(xray, {
    host: config.host,
    port: config.xrayPort ?? 0,
    now,
  }).catch(async (error: unknown) => {
    await new Promise((resolve) => server.close(resolve));
    await xray.pipeline.close();
    await store.close();
    throw error;
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    store,
    xrayUdpPort: daemon.udpPort,
    xrayTcpPort: daemon.tcpPort,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await daemon.stop();
      await xray.pipeline.close();
      await store.close();
    },
  };
}
