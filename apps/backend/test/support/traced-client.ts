import { randomBytes } from 'node:crypto';

export interface TracedResponse {
  status: number;
  body: unknown;
  /** The trace id this request started, and the caller span the server span must continue. */
  traceId: string;
  callerSpanId: string;
  /** Just before sending and just after the body arrived, to bound `app.now`. */
  sentAt: number;
  receivedAt: number;
}

/** Random non-zero ids in lower-case hex, as W3C Trace Context wants them. */
function randomId(bytes: number): string {
  for (;;) {
    const id = randomBytes(bytes).toString('hex');
    if (!/^0+$/.test(id)) return id;
  }
}

/**
 * A browser-like client for a running API: each request starts a new trace with a sampled
 * W3C `traceparent` of its own, and the session cookie is kept between requests.
 */
export class TracedClient {
  private cookie: string | undefined;

  constructor(private readonly baseUrl: string) {}

  async request(method: string, path: string, json?: unknown): Promise<TracedResponse> {
    const traceId = randomId(16);
    const callerSpanId = randomId(8);
    const headers: Record<string, string> = { traceparent: `00-${traceId}-${callerSpanId}-01` };
    if (this.cookie !== undefined) headers.cookie = this.cookie;
    if (json !== undefined) headers['content-type'] = 'application/json';
    const sentAt = Date.now();
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const text = await response.text();
    const receivedAt = Date.now();
    const setCookie = response.headers.get('set-cookie');
    if (setCookie !== null) {
      // Express clears a cookie by sending it already expired.
      this.cookie = /expires=thu, 01 jan 1970/i.test(setCookie)
        ? undefined
        : setCookie.split(';')[0];
    }
    return {
      status: response.status,
      body: text === '' ? undefined : JSON.parse(text),
      traceId,
      callerSpanId,
      sentAt,
      receivedAt,
    };
  }
}
