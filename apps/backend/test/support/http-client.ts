import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * The real app on a random loopback port, and a fetch client that keeps the session cookie the
 * way a browser would.
 */
export class TestClient {
  private cookie: string | undefined;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async listen(app: Express): Promise<TestClient> {
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    return new TestClient(server, `http://127.0.0.1:${port}`);
  }

  clearCookies(): void {
    this.cookie = undefined;
  }

  setCookie(cookie: string): void {
    this.cookie = cookie;
  }

  async request(
    method: string,
    path: string,
    options: { json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie !== undefined) headers.cookie = this.cookie;
    let body = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie !== null) {
      const pair = setCookie.split(';')[0] ?? '';
      // Express clears a cookie by sending it already expired.
      this.cookie = /expires=thu, 01 jan 1970/i.test(setCookie) ? undefined : pair;
    }
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  }

  get = (path: string, headers?: Record<string, string>) =>
    this.request('GET', path, headers === undefined ? {} : { headers });
  post = (path: string, json: unknown) => this.request('POST', path, { json });

  close(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }
}
