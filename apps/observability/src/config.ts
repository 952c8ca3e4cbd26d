import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SETTINGS } from './config-settings.js';
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
 * An unknown or incomplete flag is a `ConfigError` naming it, never a stack trace.
 */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ServerConfig {
  const values = parseFlags(argv);
  const raw: Record<string, string | undefined> = {};
  for (const setting of SETTINGS) raw[setting.key] = values[setting.flag] ?? env[setting.env];
  // An ephemeral HTTP port (tests, benchmarks) implies an ephemeral daemon port: two servers
  // started side by side must not fight over UDP/TCP 2000.
  raw.xrayPort ??= String(raw.httpPort) === '0' ? '0' : undefined;
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const setting = SETTINGS.find((candidate) => candidate.key === issue?.path[0]);
    const what = setting === undefined ? 'configuration' : `--${setting.flag} (${setting.env})`;
    throw new ConfigError(`invalid ${what}: ${issue?.message}`);
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

const FLAG_OPTIONS = Object.fromEntries(
  SETTINGS.map((setting) => [setting.flag, { type: 'string' as const }]),
);

function parseFlags(argv: readonly string[]): Record<string, string | undefined> {
  try {
    return parseArgs({ args: [...argv], options: FLAG_OPTIONS, strict: true }).values;
  } catch (error) {
    // node:util reports these as TypeErrors whose message suggests '--' tricks; say it plainly.
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) throw error;
    throw new ConfigError(`${flagProblem(code, (error as Error).message)} (see --help)`);
  }
}

function flagProblem(code: string, message: string): string {
  const quoted = /'([^' ]*)/.exec(message)?.[1];
  if (quoted === undefined) return message;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `option ${quoted} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${quoted}`;
    default:
      return message;
  }
}

/** What `--help` prints: every flag with its variable, default and meaning. */
export function usage(): string {
  const defaults: Record<string, unknown> = configSchema.parse({});
  const lines = SETTINGS.map((setting) => {
    const fallback = defaults[setting.key];
    const shown = Array.isArray(fallback) ? undefined : fallback;
    return [
      `  --${setting.flag} VALUE`,
      `      ${setting.about}`,
      `      env ${setting.env}${shown === undefined ? '' : `; default ${String(shown)}`}`,
    ].join('\n');
  });
  return [
    'Usage: cruddur-observability [options]',
    '',
    'The local observability server: OTLP/HTTP, an X-Ray daemon and API, CloudWatch Logs, Rollbar',
    'and the Honeycomb query API over one DuckDB file. Flags win over the environment.',
    '',
    ...lines,
    '  -h, --help',
    '      print this and exit',
  ].join('\n');
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
