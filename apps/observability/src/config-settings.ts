import type { ServerConfig } from './config.js';

/**
 * Every setting of the server, once: its flag, its `OBSERVABILITY_*` variable and what it does.
 * Parsing, the environment fallback and `--help` all read this table, so they cannot drift apart.
 */
export const SETTINGS = [
  { flag: 'host', env: 'OBSERVABILITY_HOST', key: 'host', about: 'address to listen on' },
  {
    flag: 'http-port',
    env: 'OBSERVABILITY_HTTP_PORT',
    key: 'httpPort',
    about:
      'OTLP, Honeycomb, X-Ray, CloudWatch Logs and Rollbar APIs and the console; 0 picks a free port',
  },
  {
    flag: 'xray-port',
    env: 'OBSERVABILITY_XRAY_PORT',
    key: 'xrayPort',
    about:
      'X-Ray daemon: segments on UDP, sampling on TCP; 0 picks free ports (the default when --http-port is 0)',
  },
  {
    flag: 'data',
    env: 'OBSERVABILITY_DATA',
    key: 'data',
    about: 'DuckDB file (relative to where the command ran), or :memory:',
  },
  {
    flag: 'max-body-bytes',
    env: 'OBSERVABILITY_MAX_BODY_BYTES',
    key: 'maxBodyBytes',
    about: 'largest request body, after decompression',
  },
  {
    flag: 'max-pending-rows',
    env: 'OBSERVABILITY_MAX_PENDING_ROWS',
    key: 'maxPendingRows',
    about: 'rows accepted but not yet committed past which ingest answers 503',
  },
  {
    flag: 'memory-limit',
    env: 'OBSERVABILITY_MEMORY_LIMIT',
    key: 'memoryLimit',
    about: "DuckDB's memory limit, e.g. 512MB or 2GB",
  },
  {
    flag: 'ingest-keys',
    env: 'OBSERVABILITY_INGEST_KEYS',
    key: 'ingestKeys',
    about: 'comma-separated keys that may only send telemetry',
  },
  {
    flag: 'query-keys',
    env: 'OBSERVABILITY_QUERY_KEYS',
    key: 'queryKeys',
    about: 'comma-separated keys that may read and send (required beyond loopback)',
  },
  {
    flag: 'rollbar-tokens',
    env: 'OBSERVABILITY_ROLLBAR_TOKENS',
    key: 'rollbarTokens',
    about: 'Rollbar project tokens and scopes, token:scope+scope,…',
  },
  {
    flag: 'cors-origins',
    env: 'OBSERVABILITY_CORS_ORIGINS',
    key: 'corsOrigins',
    about: "browser origins allowed to send telemetry, comma-separated (default: the front end's)",
  },
] as const satisfies readonly {
  flag: string;
  env: `OBSERVABILITY_${string}`;
  key: keyof ServerConfig;
  about: string;
}[];

export type Setting = (typeof SETTINGS)[number];
