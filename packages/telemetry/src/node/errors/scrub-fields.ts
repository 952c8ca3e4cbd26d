/**
 * Keys whose values never leave the process in an error report, wherever they appear in the
 * payload (request body, query, custom data), matched case-insensitively by the SDK. Added to
 * the SDK's own list (passwords, tokens, secrets, CSRF fields).
 */
export const SCRUB_FIELDS = [
  'password',
  'passwd',
  'pass',
  'pw',
  'secret',
  'client_secret',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'api_key',
  'apikey',
  'authorization',
  'cookie',
  'cookies',
  'set-cookie',
  'session',
  'cruddur_session',
  'aws_secret_access_key',
] as const;

/**
 * Request headers replaced by `********`. The SDK takes this list instead of its own, so it
 * repeats the SDK's defaults and adds the API keys our own services use.
 */
export const SCRUB_HEADERS = [
  'authorization',
  'proxy-authorization',
  'www-authorization',
  'http_authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-access-token',
  'oauth-access-token',
  'x-csrf-token',
  'x_csrf_token',
  'http_x_csrf_token',
  'omniauth.auth',
  'x-honeycomb-team',
  'x-rollbar-access-token',
  'x-amz-security-token',
] as const;
