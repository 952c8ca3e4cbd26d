#!/usr/bin/env node
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';

/** `cruddur-observability [--host H] [--http-port P] [--data FILE|:memory:]` */
async function main(): Promise<void> {
  const config = loadConfig(process.argv.slice(2), process.env);
  const server = await startServer(config);
  console.log(`observability server listening on ${server.url}`);
  console.log(`  OTLP/HTTP     ${server.url}/v1/traces  ${server.url}/v1/logs`);
  console.log(`  Honeycomb API ${server.url}/1/`);
  console.log(
    `  X-Ray daemon  udp:${config.host}:${server.xrayUdpPort} tcp:${config.host}:${server.xrayTcpPort}`,
  );
  console.log(`  data          ${config.data}`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: committing and closing the store`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
