import path from 'node:path';
import { z } from 'zod';
import { withLoopbackTwins } from './loopback-twins.js';

/** `FOO=` in a shell or .env means "not set", not "set to nothing". */
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** Origins compare exactly in CORS; `http://x:3000/` must match `http://x:3000`. */
const origin = z.url().transform((url) => new URL(url).origin);

export const envSchema = z.object({
  PORT: optional(z.coerce.number().int().min(0).max(65_535)),
  HOST: optional(z.string()),
  FRONTEND_URL: optional(origin),
  BACKEND_URL: optional(origin),
  CONNECTION_URL: optional(z.string()),
  CRUDDUR_DATA_DIR: optional(z.string()),
  INIT_CWD: optional(z.string()),
  SESSION_SECRET: optional(z.string().min(16, 'use at least 16 characters')),
  ROLLBAR_TEST_ROUTES: optional(
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['true', 'false', '1', '0', 'on', 'off'], { error: 'use true or false' })),
  ),
  ROLLBAR_ENVIRONMENT: optional(z.string()),
});

export type Env = z.infer<typeof envSchema>;

/** Signs session cookies in development only; anyone can read it here, so anyone could forge. */
export const DEV_SESSION_SECRET = 'cruddur-dev-session-secret-change-me';

export interface BackendConfig {
  port: number;
  host: string;
  corsOrigins: string[];
  database: { kind: 'postgres'; connectionUrl: string } | { kind: 'pglite'; dataDir: string };
  sessionSecret: string;
  /** `GET /rollbar/error` is mounted: `ROLLBAR_TEST_ROUTES`, on by default in development. */
  rollbarTestRoutes: boolean;
  /** Start-up notes for the operator, e.g. the dev session secret in use. */
  warnings: string[];
}

/**
 * Parses the environment once at start-up; a bad value stops the process with the variable's
 * name. Relative `CRUDDUR_DATA_DIR` resolves against `INIT_CWD` (where `npm` was run) because
 * npm runs workspace scripts inside `apps/backend`.
 */
export function parseConfig(environment: NodeJS.ProcessEnv, cwd: string): BackendConfig {
  const env = envSchema.parse(environment);
  const port = env.PORT ?? 4567;
  const warnings: string[] = [];
  if (env.SESSION_SECRET === undefined) {
    warnings.push('SESSION_SECRET is not set: using the development secret; set it in production');
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    // A page opened at 127.0.0.1 instead of localhost (or the reverse) is still the front end.
    corsOrigins: withLoopbackTwins([
      env.FRONTEND_URL ?? 'http://localhost:3000',
      env.BACKEND_URL ?? `http://localhost:${port}`,
    ]),
    database:
      env.CONNECTION_URL === undefined
        ? {
            kind: 'pglite',
            dataDir: path.resolve(env.INIT_CWD ?? cwd, env.CRUDDUR_DATA_DIR ?? 'data/cruddur'),
          }
        : { kind: 'postgres', connectionUrl: env.CONNECTION_URL },
    sessionSecret: env.SESSION_SECRET ?? DEV_SESSION_SECRET,
    rollbarTestRoutes:
      env.ROLLBAR_TEST_ROUTES === undefined
        ? (env.ROLLBAR_ENVIRONMENT ?? 'development') === 'development'
        : ['true', '1', 'on'].includes(env.ROLLBAR_TEST_ROUTES),
    warnings,
  };
}
