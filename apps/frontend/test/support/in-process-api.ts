import type { AddressInfo } from 'node:net';
import { createApp } from '@cruddur/backend/app';
import { openDatabase } from '@cruddur/backend/open-database';

export interface InProcessApi {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The real Cruddur API (Express app, embedded PGlite in memory, seeded) on a free loopback port,
 * so component tests see the answers and error codes the app will really get.
 */
export async function startInProcessApi(frontendOrigin: string): Promise<InProcessApi> {
  const db = await openDatabase({ kind: 'pglite' });
  const app = createApp({
    db,
    corsOrigins: [frontendOrigin],
    sessionSecret: 'component-test-session-secret',
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await db.close();
    },
  };
}
