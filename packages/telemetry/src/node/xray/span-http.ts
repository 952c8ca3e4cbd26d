import type { Attributes, AttributeValue } from '@opentelemetry/api';
import type { XrayHttp } from './xray-segment-document.js';

/** Attributes whose whole content lands in `http`, so metadata does not repeat them. */
export const HTTP_MAPPED_KEYS: ReadonlySet<string> = new Set([
  'http.request.method',
  'http.method',
  'url.full',
  'http.url',
  'user_agent.original',
  'http.user_agent',
  'http.response.status_code',
  'http.status_code',
  'http.response.body.size',
  'http.response_content_length',
]);

function text(value: AttributeValue | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function integer(value: AttributeValue | undefined): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
}

/** The HTTP status of a span, old or stable semantic conventions. */
export function httpStatusOf(attributes: Attributes): number | undefined {
  return integer(attributes['http.response.status_code'] ?? attributes['http.status_code']);
}

/** `Host` as the client sent it: `server.address` plus `server.port` (stable) or `http.host`. */
export function requestHostOf(attributes: Attributes): string | undefined {
  const address = text(attributes['server.address']);
  if (address === undefined) return text(attributes['http.host']);
  const port = integer(attributes['server.port']);
  return port === undefined ? address : `${address}:${port}`;
}

/** The full URL: given (`url.full`), or rebuilt from scheme, host, path and query. */
function urlOf(attributes: Attributes): string | undefined {
  const full = text(attributes['url.full']) ?? text(attributes['http.url']);
  if (full !== undefined) return full;
  const path = text(attributes['url.path']) ?? text(attributes['http.target']);
  const host = requestHostOf(attributes);
  if (path === undefined && host === undefined) return undefined;
  const query = text(attributes['url.query']);
  const scheme = text(attributes['url.scheme']) ?? text(attributes['http.scheme']) ?? 'http';
  const target = `${path ?? '/'}${query === undefined ? '' : `?${query}`}`;
  return host === undefined ? target : `${scheme}://${host}${target}`;
}

/**
 * X-Ray's `http` object from HTTP semantic-convention attributes (stable names first, then the
 * pre-1.23 ones); undefined for spans that are not HTTP. On server spans, `x_forwarded_for` says
 * the client IP came from a forwarding header rather than from the connection's peer.
 */
export function httpOfSpan(attributes: Attributes, isServer: boolean): XrayHttp | undefined {
  const method = text(attributes['http.request.method']) ?? text(attributes['http.method']);
  const status = httpStatusOf(attributes);
  if (method === undefined && status === undefined) return undefined;
  const http: XrayHttp = {};
  const request: NonNullable<XrayHttp['request']> = {};
  if (method !== undefined) request.method = method;
  const url = urlOf(attributes);
  if (url !== undefined) request.url = url;
  const userAgent = text(attributes['user_agent.original']) ?? text(attributes['http.user_agent']);
  if (userAgent !== undefined) request.user_agent = userAgent;
  if (isServer) {
    const peer = text(attributes['network.peer.address']) ?? text(attributes['net.peer.ip']);
    const client = text(attributes['client.address']) ?? text(attributes['http.client_ip']);
    const ip = client ?? peer;
    if (ip !== undefined) request.client_ip = ip;
    if (ip !== undefined && ip !== peer) request.x_forwarded_for = true;
  }
  if (Object.keys(request).length > 0) http.request = request;
  const contentLength = integer(
    attributes['http.response.body.size'] ?? attributes['http.response_content_length'],
  );
  if (status !== undefined || contentLength !== undefined) {
    http.response = {
      ...(status === undefined ? {} : { status }),
      ...(contentLength === undefined ? {} : { content_length: contentLength }),
    };
  }
  return http;
}
