import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { rollbarTokensSchema } from './http/rollbar-scopes.js';

const MIB = 1024 * 1024;

const keyList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key !== ''),
  );

const configSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  httpPort: z.coerce.number().int().min(0).max(65_535).default(4318),
  /** The X-Ray daemon's port, UDP (segments) and TCP (sampling); 0 picks free ports. */
  xrayPort: z.coerce.number().int().min(0).max(65_535).default(2000),
  data: z.string().min(1).default('data/observability.duckdb'),
  /** Request body limit, measured after decompression. */
  maxBodyBytes: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * MIB),
  /** Accepted but uncommitted rows past which ingest answers 503 with Retry-After. */
  maxPendingRows: z.coerce.number().int().positive().default(200_000),
  /** DuckDB's memory limit (its block cache); the JS heap comes on top. */
  memoryLimit: z
    .string()
    .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i)
    .default('1GB'),
  /** Keys that may only send telemetry. */
  ingestKeys: keyList,
  /** Keys that may read (query) and also send. */
  queryKeys: keyList,
  /** Rollbar project tokens and their scopes (`token:scope+scope,...`); absent: see rollbar-scopes. */
  rollbarTokens: rollbarTokensSchema.optional(),
  /** Browser origins allowed to send telemetry (CORS on ingest routes); absent: the front end's. */
  corsOrigins: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .optional(),
});

export type ServerConfig = z.infer<typeof configSchema>;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/**
 * Reads flags first, then `OBSERVABILITY_*` variables, then defaults. Refuses to listen beyond
 * loopback without keys: an open store reachable from the network would leak every trace.
 */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ServerConfig {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string' },
      'http-port': { type: 'string' },
      'xray-port': { type: 'string' },
      data: { type: 'string' },
      'max-body-bytes': { type: 'string' },
      'max-pending-rows': { type: 'string' },
      'memory-limit': { type: 'string' },
      'ingest-keys': { type: 'string' },
      'query-keys': { type: 'string' },
      'rollbar-tokens': { type: 'string' },
      'cors-origins': { type: 'string' },
    },
    strict: true,
  });
  const parsed = configSchema.safeParse({
    host: values.host ?? env.OBSERVABILITY_HOST,
    httpPort: values['http-port'] ?? env.OBSERVABILITY_HTTP_PORT,
    // An ephemeral HTTP port (tests, benchmarks) implies an ephemeral daemon port: two servers
    // started side by side must not fight over UDP/TCP 2000.
    xrayPort:
      values['xray-port'] ??
      env.OBSERVABILITY_XRAY_PORT ??
      (String(values['http-port'] ?? env.OBSERVABILITY_HTTP_PORT) === '0' ? '0' : undefined),
    data: values.data ?? env.OBSERVABILITY_DATA,
    maxBodyBytes: values['max-body-bytes'] ?? env.OBSERVABILITY_MAX_BODY_BYTES,
    maxPendingRows: values['max-pending-rows'] ?? env.OBSERVABILITY_MAX_PENDING_ROWS,
    memoryLimit: values['memory-limit'] ?? env.OBSERVABILITY_MEMORY_LIMIT,
    ingestKeys: values['ingest-keys'] ?? env.OBSERVABILITY_INGEST_KEYS,
    queryKeys: values['query-keys'] ?? env.OBSERVABILITY_QUERY_KEYS,
    rollbarTokens: values['rollbar-tokens'] ?? env.OBSERVABILITY_ROLLBAR_TOKENS,
    corsOrigins: values['cors-origins'] ?? env.OBSERVABILITY_CORS_ORIGINS,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`invalid ${issue?.path.join('.') ?? 'configuration'}: ${issue?.message}`);
  }
  const config = { ...parsed.data, data: dataPath(parsed.data.data, env) };
  if (!LOOPBACK.test(config.host) && config.queryKeys.length === 0) {
    throw new ConfigError(
      `refusing to listen on ${config.host} without keys: set OBSERVABILITY_QUERY_KEYS (and OBSERVABILITY_INGEST_KEYS for senders)`,
    );
  }
  return config;
}

/**
 * A relative data path is relative to where the user ran the command: npm runs workspace scripts
 * inside the workspace folder but says where it was invoked in INIT_CWD.
 */
function dataPath(path: string, env: NodeJS.ProcessEnv): string {
  if (path === ':memory:' || isAbsolute(path)) return path;
  return resolve(env.INIT_CWD ?? process.cwd(), path);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
