import { startTelemetry, TelemetryConfigError } from '@cruddur/telemetry/node';

// Telemetry first: the dynamic imports below load http, express and pg only after the SDK and
// its ESM loader hook are in place, or their instrumentations could not patch them.
const telemetry = (() => {
  try {
    return startTelemetry({ serviceName: 'cruddur-backend' });
  } catch (error) {
    if (!(error instanceof TelemetryConfigError)) throw error;
    console.error(`[backend] ${error.message}`);
    process.exit(1);
  }
})();

const { parseConfig } = await import('./config/config-schema.js');
const { startServer } = await import('./start-server.js');

const config = parseConfig(process.env, process.cwd());
for (const warning of config.warnings) console.warn(`[backend] warning: ${warning}`);

const server = await startServer(config);
const where =
  config.database.kind === 'postgres' ? 'PostgreSQL (CONNECTION_URL)' : config.database.dataDir;
console.log(`[backend] Cruddur API on ${server.url} — database: ${where}`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[backend] ${signal}: stopping`);
  try {
    await server.stop();
    // After the server, so the spans of its last requests are flushed too.
    await telemetry.shutdown();
    process.exit(0);
  } catch (error) {
    console.error('[backend] stop failed:', error);
    process.exit(1);
  }
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
