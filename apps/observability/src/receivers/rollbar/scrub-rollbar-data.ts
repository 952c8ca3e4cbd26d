/** What the rollbar SDKs scrub by default; the server scrubs again for reporters that do not. */
const SECRET_FIELDS = [
  'pw',
  'pass',
  'passwd',
  'password',
  'secret',
  'confirm_password',
  'confirmpassword',
  'password_confirmation',
  'passwordconfirmation',
  'access_token',
  'accesstoken',
  'x-rollbar-access-token',
  'secret_key',
  'secretkey',
  'secrettoken',
  'api_key',
  'apikey',
  'authenticity_token',
  'oauth_token',
  'token',
  'user_session_secret',
  'authorization',
  'www-authorization',
  'http_authorization',
  'proxy-authorization',
  'omniauth.auth',
  'cookie',
  'cookies',
  'set-cookie',
  'oauth-access-token',
  'x-access-token',
  'x_csrf_token',
  'http_x_csrf_token',
  'x-csrf-token',
  'x-api-key',
  'x-honeycomb-team',
];
const SECRET = new Set(SECRET_FIELDS);
export const SCRUBBED = '********';
/** `name=value` pairs inside query strings and URLs. */
const PAIR = new RegExp(
  `([?&;]|^)((?:${SECRET_FIELDS.map((f) => f.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|')})(?:\\[\\]|%5B%5D)?)=[^&;#]*`,
  'gi',
);

function isSecret(key: string): boolean {
  return SECRET.has(key.toLowerCase().replace(/(\[\]|%5b%5d)$/i, ''));
}

/**
 * Replaces, in place, the value of every secret-named key anywhere in `value` with `********`,
 * and secret `name=value` pairs in the request's URL and query string. Call only on a tree of
 * bounded depth (the route refuses deeper bodies first).
 */
export function scrubRollbarData(value: unknown): void {
  if (Array.isArray(value)) {
    for (const element of value) scrubRollbarData(element);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (isSecret(key)) record[key] = SCRUBBED;
    else scrubRollbarData(record[key]);
  }
  const request = record.request;
  if (request !== null && typeof request === 'object' && !Array.isArray(request)) {
    const fields = request as Record<string, unknown>;
    for (const key of ['url', 'query_string']) {
      if (typeof fields[key] === 'string') fields[key] = scrubPairs(fields[key]);
    }
  }
}

export function scrubPairs(text: string): string {
  return text.replace(PAIR, `$1$2=${SCRUBBED}`);
}
