import type { TelemetryEnv } from './telemetry-env-schema.js';

export const honeycombApiEndpoint = 'https://api.honeycomb.io';
export const localTracesUrl = 'http://127.0.0.1:4318/v1/traces';

/** Where OTLP trace batches go, with which headers, and which rule chose it. */
export interface OtlpDestination {
  url: string;
  headers: Record<string, string>;
  chosenBy: 'otlp-traces-endpoint' | 'otlp-endpoint' | 'honeycomb-api-key' | 'local-default';
}

type DestinationEnv = Pick<
  TelemetryEnv,
  | 'OTEL_EXPORTER_OTLP_ENDPOINT'
  | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'
  | 'OTEL_EXPORTER_OTLP_HEADERS'
  | 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'
  | 'HONEYCOMB_API_KEY'
  | 'HONEYCOMB_API_ENDPOINT'
>;

/**
 * Chooses the OTLP traces endpoint: an explicit OTLP endpoint always wins (standard semantics:
 * the per-signal URL is used as-is, the generic one gets `v1/traces` appended); otherwise a
 * Honeycomb key sends to Honeycomb (`HONEYCOMB_API_ENDPOINT`, default
 * `https://api.honeycomb.io`); otherwise the local observability server.
 *
 * @example
 * otlpDestination({ HONEYCOMB_API_KEY: 'abc', OTEL_EXPORTER_OTLP_HEADERS: {}, OTEL_EXPORTER_OTLP_TRACES_HEADERS: {} });
 * // → { url: 'https://api.honeycomb.io/v1/traces', headers: { 'x-honeycomb-team': 'abc' }, … }
 */
export function otlpDestination(env: DestinationEnv): OtlpDestination {
  const headers = { ...env.OTEL_EXPORTER_OTLP_HEADERS, ...env.OTEL_EXPORTER_OTLP_TRACES_HEADERS };
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined) {
    return {
      url: new URL(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT).href,
      headers,
      chosenBy: 'otlp-traces-endpoint',
    };
  }
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined) {
    return { url: tracesUrl(env.OTEL_EXPORTER_OTLP_ENDPOINT), headers, chosenBy: 'otlp-endpoint' };
  }
  // The key only goes to Honeycomb itself: with an explicit endpoint it would leak to a third party.
  if (env.HONEYCOMB_API_KEY !== undefined) {
    return {
      url: tracesUrl(env.HONEYCOMB_API_ENDPOINT ?? honeycombApiEndpoint),
      headers: withHoneycombTeam(headers, env.HONEYCOMB_API_KEY),
      chosenBy: 'honeycomb-api-key',
    };
  }
  return { url: localTracesUrl, headers, chosenBy: 'local-default' };
}

/** The spec's rule for a base endpoint: ensure a trailing slash, then append `v1/<signal>`. */
export function signalUrl(base: string, signal: 'traces' | 'logs'): string {
  return new URL(`v1/${signal}`, base.endsWith('/') ? base : `${base}/`).href;
}

function tracesUrl(base: string): string {
  return signalUrl(base, 'traces');
}

/** Adds the Honeycomb key as `x-honeycomb-team` unless the headers already carry one. */
export function withHoneycombTeam(
  headers: Record<string, string>,
  key: string,
): Record<string, string> {
  const hasTeam = Object.keys(headers).some((k) => k.toLowerCase() === 'x-honeycomb-team');
  return hasTeam ? headers : { ...headers, 'x-honeycomb-team': key };
}
