import type { ErrorsEnv } from './errors-env.js';

export const localRollbarEndpoint = 'http://127.0.0.1:4318/api/1/item/';
export const rollbarApiEndpoint = 'https://api.rollbar.com/api/1/item/';

/** Where error reports go, as which environment and version, and which rule chose it. */
export interface ErrorsConfig {
  accessToken: string;
  /** The full item URL; the SDK posts to it verbatim. */
  endpoint: string;
  environment: string;
  codeVersion: string | undefined;
  chosenBy: 'rollbar-endpoint' | 'rollbar-access-token' | 'local-default';
}

/**
 * An explicit `ROLLBAR_ENDPOINT` wins; otherwise a real access token reports to Rollbar itself,
 * and no token reports to the local server (with a placeholder token, which it accepts). The
 * environment defaults to `development`; `code_version` is the service version.
 *
 * @example
 * errorsConfig({ ROLLBAR_ACCESS_TOKEN: undefined, ROLLBAR_ENVIRONMENT: undefined,
 *   ROLLBAR_ENDPOINT: undefined }, '1.2.3').endpoint; // 'http://127.0.0.1:4318/api/1/item/'
 */
export function errorsConfig(e: ErrorsEnv, codeVersion: string | undefined): ErrorsConfig {
  const environment = e.ROLLBAR_ENVIRONMENT ?? 'development';
  const accessToken = e.ROLLBAR_ACCESS_TOKEN ?? 'cruddur-local';
  if (e.ROLLBAR_ENDPOINT !== undefined) {
    return {
      accessToken,
      endpoint: e.ROLLBAR_ENDPOINT,
      environment,
      codeVersion,
      chosenBy: 'rollbar-endpoint',
    };
  }
  if (e.ROLLBAR_ACCESS_TOKEN !== undefined) {
    return {
      accessToken,
      endpoint: rollbarApiEndpoint,
      environment,
      codeVersion,
      chosenBy: 'rollbar-access-token',
    };
  }
  return {
    accessToken,
    endpoint: localRollbarEndpoint,
    environment,
    codeVersion,
    chosenBy: 'local-default',
  };
}
