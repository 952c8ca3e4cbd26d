import { DEFAULT_OUT_DIR } from './build-frontend.js';
import { startStaticServer } from './static-server.js';

/**
 * `npm start -w apps/frontend` (after the build): serves the production build.
 * `FRONTEND_PORT` (3000, 0 = any free port), `FRONTEND_HOST` (127.0.0.1), `FRONTEND_DIST`.
 */
const port = Number(process.env.FRONTEND_PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(
    `[frontend] FRONTEND_PORT must be a port number, not "${process.env.FRONTEND_PORT}"`,
  );
  process.exit(1);
}
const server = await startStaticServer({
  root: process.env.FRONTEND_DIST ?? DEFAULT_OUT_DIR,
  host: process.env.FRONTEND_HOST ?? '127.0.0.1',
  port,
}).catch((error: unknown) => {
  console.error(`[frontend] cannot listen: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
console.log(`[frontend] Cruddur web on ${server.url}`);

const stop = (signal: string) => {
  console.log(`[frontend] ${signal}: stopping`);
  void server.stop().then(() => process.exit(0));
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
