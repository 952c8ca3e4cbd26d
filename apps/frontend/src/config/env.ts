import { z } from 'zod';

/** `VITE_FOO=` in a shell or .env means "not set". */
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const origin = z.url().transform((url) => url.replace(/\/+$/, ''));

/** Build-time settings (Vite inlines `VITE_*`); everything has a local default. */
export const envSchema = z.object({
  VITE_BACKEND_URL: optional(origin),
  VITE_OTEL_EXPORTER_OTLP_ENDPOINT: optional(origin),
  VITE_OTEL_INGEST_KEY: optional(z.string()),
  VITE_OTEL_SERVICE_NAME: optional(z.string().min(1)),
  VITE_OTEL_SDK_DISABLED: optional(z.enum(['true', 'false'])),
  VITE_ROLLBAR_ACCESS_TOKEN: optional(z.string().min(1)),
  VITE_ROLLBAR_ENDPOINT: optional(z.url()),
  VITE_ROLLBAR_ENVIRONMENT: optional(z.string().min(1)),
});

export interface FrontendConfig {
  backendUrl: string;
  otlpTracesUrl: string;
  otlpIngestKey: string | undefined;
  serviceName: string;
  telemetryEnabled: boolean;
  rollbar: { accessToken: string; endpoint: string; environment: string };
}

/** What the API assumes when nobody has signed in, as the original Cruddur did. */
export const DEFAULT_USER_HANDLE = 'andrewbrown';

/**
 * Unset URLs point at the same host name the page was loaded from: the session cookie is
 * SameSite=Lax, and `localhost` and `127.0.0.1` are different sites, so a page on one talking to
 * an API on the other would never be signed in.
 */
export function parseFrontendConfig(
  env: Record<string, unknown>,
  location: { protocol: string; hostname: string },
): FrontendConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid build setting ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  const host = `${location.protocol}//${location.hostname}`;
  const otlpEndpoint = e.VITE_OTEL_EXPORTER_OTLP_ENDPOINT ?? `${host}:4318`;
  return {
    backendUrl: e.VITE_BACKEND_URL ?? `${host}:4567`,
    otlpTracesUrl: `${otlpEndpoint}/v1/traces`,
    otlpIngestKey: e.VITE_OTEL_INGEST_KEY,
    serviceName: e.VITE_OTEL_SERVICE_NAME ?? 'cruddur-frontend',
    telemetryEnabled: e.VITE_OTEL_SDK_DISABLED !== 'true',
    rollbar: {
      // The local server takes any token; the real Rollbar needs a post_client_item token.
      accessToken: e.VITE_ROLLBAR_ACCESS_TOKEN ?? 'local-post-client-item',
      endpoint: e.VITE_ROLLBAR_ENDPOINT ?? `${host}:4318/api/1/item/`,
      environment: e.VITE_ROLLBAR_ENVIRONMENT ?? 'development',
    },
  };
}

export const config: FrontendConfig = parseFrontendConfig(import.meta.env, window.location);
