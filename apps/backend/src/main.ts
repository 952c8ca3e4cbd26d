import { createLogger, startTelemetry, TelemetryConfigError } from '@cruddur/telemetry/node';

// Telemetry first: the dynamic imports below load http, express and pg only after the SDK and
// its ESM loader hook are in place, or their instrumentations could not patch them.
const telemetry = (() => {
  try {
    return startTelemetry({ serviceName: 'cruddur-backend' });
  } catch (error) {
    if (!(error instanceof TelemetryConfigError)) throw error;
    createLogger().fatal(error.message);
    process.exit(1);
  }
})();
const { logger, errors } = telemetry;

const { parseConfig } = await import('./config/config-schema.js');
const { startServer } = await import('./start-server.js');

const config = parseConfig(process.env, process.cwd());
for (const warning of config.warnings) logger.warn(warning);

const server = await startServer(config, { logger, errors });
const where =
  config.database.kind === 'postgres' ? 'PostgreSQL (CONNECTION_URL)' : config.database.dataDir;
logger.info(
  {
    url: server.url,
    database: where,
    rollbar: telemetry.config.errors.chosenBy,
    cloudwatch_log_group: telemetry.config.logging.cloudwatch.logGroupName,
  },
  `Cruddur API on ${server.url} — database: ${where}`,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: stopping`);
  try {
    await server.stop();
    // After the server, so the spans, logs and errors of its last requests are flushed too.
    await telemetry.shutdown();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'stop failed');
    await telemetry.shutdown();
    process.exit(1);
  }
}
// What no route caught (a timer, an event handler, a rejected promise nobody awaited) would
// otherwise print a bare stack and exit: report it like a failed request, then exit the same way.
process.once('uncaughtException', (error) => {
  logger.fatal({ err: error }, `uncaught exception: ${error.message}`);
  errors.error(error);
  void telemetry.shutdown().finally(() => process.exit(1));
});
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
