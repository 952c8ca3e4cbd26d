#!/usr/bin/env node
import { ConfigError, loadConfig, usage } from './config.js';
import { startServer } from './server.js';

/** `cruddur-observability [--host H] [--http-port P] [--data FILE|:memory:] …`; `--help` lists all. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage());
    return;
  }
  const config = loadConfig(args, process.env);
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
  // A configuration mistake is the user's to fix: one line, and the usage exit code.
  if (error instanceof ConfigError) {
    console.error(`cruddur-observability: ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
