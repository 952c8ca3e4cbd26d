import { randomBytes } from 'node:crypto';
import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  type FilteredLogEvent,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForTrace } from '../support/observability.js';
import type { TracedTarget } from './end-to-end-tracing-contract.js';

/**
 * Logs and errors end to end, against a backend process that ships its structured logs to the
 * observability server's CloudWatch Logs API and OTLP logs endpoint and its errors to the
 * server's Rollbar API. Everything is read back through the APIs a user of CloudWatch Logs and
 * Rollbar would call, with their real clients. Run it against one backend only: it counts the
 * streams of log group `cruddur` and the occurrences of the Rollbar test error.
 */
export function logsAndErrorsContract(target: TracedTarget): void {
  let cloudWatch: CloudWatchLogsClient | undefined;
  beforeAll(() => {
    cloudWatch = new CloudWatchLogsClient({
      endpoint: target.observabilityUrl(),
      region: 'us-east-1',
      credentials: { accessKeyId: 'e2e-reader', secretAccessKey: 'unused' },
    });
  });
  afterAll(() => cloudWatch?.destroy());
  const client = () => {
    if (cloudWatch === undefined) throw new Error('not started');
    return cloudWatch;
  };

  function newTraceparent(): { traceId: string; traceparent: string } {
    const traceId = randomBytes(16).toString('hex');
    return { traceId, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` };
  }

  async function eventually<T>(
    what: string,
    read: () => Promise<T | undefined>,
    timeoutMs = 10_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (value !== undefined) return value;
      if (Date.now() > deadline) {
        throw new Error(`${what} not found in ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** FilterLogEvents in log group `cruddur`, following `nextToken` to the end. */
  async function filterLogEvents(filterPattern: string): Promise<FilteredLogEvent[]> {
    const events: FilteredLogEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client().send(
        new FilterLogEventsCommand({ logGroupName: 'cruddur', filterPattern, nextToken }),
      );
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    return events;
  }

  async function accessLogLine(traceId: string, requestPath: string) {
    return eventually(`access log of ${requestPath} in trace ${traceId}`, async () => {
      const events = await filterLogEvents(`{ $.trace_id = "${traceId}" }`).catch(() => []);
      const line = events
        .map((event) => ({
          event,
          record: JSON.parse(event.message ?? '{}') as Record<string, unknown>,
        }))
        .find(({ record }) => record.path === requestPath);
      return line;
    });
  }

  interface RollbarItem {
    id: number;
    title: string;
    level: string;
    environment: string;
    total_occurrences: number;
  }

  async function rollbarGet<T>(pathAndQuery: string): Promise<T> {
    const response = await fetch(`${target.observabilityUrl()}/api/1${pathAndQuery}`);
    const body = (await response.json()) as { err: number; result: T; message?: string };
    if (body.err !== 0) throw new Error(`GET ${pathAndQuery}: ${body.message}`);
    return body.result;
  }

  async function rollbarItem(title: string): Promise<RollbarItem> {
    return eventually(`Rollbar item "${title}"`, async () => {
      const { items } = await rollbarGet<{ items: RollbarItem[] }>('/items/');
      return items.find((item) => item.title.includes(title));
    });
  }

  describe(`access logs in CloudWatch Logs (${target.name})`, () => {
    it('every request leaves one JSON access-log line in log group cruddur, with its trace id', async () => {
      const { traceId, traceparent } = newTraceparent();
      const response = await fetch(`${target.apiUrl()}/api/activities/home?page=1`, {
        headers: { traceparent },
      });
      expect(response.status).toBe(200);

      const { event, record } = await accessLogLine(traceId, '/api/activities/home?page=1');
      expect(record).toMatchObject({
        method: 'GET',
        scheme: 'http',
        path: '/api/activities/home?page=1',
        status: 200,
        remote_addr: expect.stringMatching(/127\.0\.0\.1/),
        trace_id: traceId,
        span_id: expect.stringMatching(/^[0-9a-f]{16}$/),
        duration_ms: expect.any(Number),
      });
      expect(new Date(String(record.time)).toISOString()).toBe(record.time);
      expect(event.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/cruddur-backend\//);
    });

    it('names one stream per process start: day, service, host, pid and a random tail', async () => {
      const streams = await client().send(
        new DescribeLogStreamsCommand({ logGroupName: 'cruddur' }),
      );
      const names = streams.logStreams?.map((stream) => stream.logStreamName) ?? [];
      expect(names.length).toBeGreaterThanOrEqual(1);
      for (const name of names) {
        expect(name).toMatch(/^\d{4}\/\d{2}\/\d{2}\/cruddur-backend\/[^/]+\/\d+-[0-9a-f]{6}$/);
      }
    });

    it('the same line reaches the trace as an OTLP log record', async () => {
      const { traceId, traceparent } = newTraceparent();
      await fetch(`${target.apiUrl()}/api/health`, { headers: { traceparent } });
      const logs = await eventually('OTLP log of /api/health', async () => {
        const response = await fetch(`${target.observabilityUrl()}/api/traces/${traceId}/logs`);
        if (response.status !== 200) return undefined;
        const body = (await response.json()) as { logs: Record<string, unknown>[] };
        return body.logs.length > 0 ? body.logs : undefined;
      });
      expect(JSON.stringify(logs)).toContain('/api/health');
    });
  });

  describe(`errors in Rollbar (${target.name})`, () => {
    it('GET /rollbar/test reports the warning "Hello World!" and answers it', async () => {
      const response = await fetch(`${target.apiUrl()}/rollbar/test`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('Hello World!');

      const item = await rollbarItem('Hello World!');
      expect(item).toMatchObject({ level: 'warning', environment: 'development' });
    });

    it('a thrown error answers a clean JSON 500 and is one Rollbar item naming the failed trace', async () => {
      const { traceId, traceparent } = newTraceparent();
      const response = await fetch(`${target.apiUrl()}/rollbar/error?token=query-secret`, {
        headers: {
          traceparent,
          authorization: 'Bearer header-secret',
          cookie: 'cruddur_session=cookie-secret',
        },
      });
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        error: 'internal_error',
        message: 'internal server error',
      });
      expect(text).not.toMatch(/at |\.ts|RollbarTestError/);

      const item = await rollbarItem('Rollbar test error');
      expect(item).toMatchObject({ level: 'error', total_occurrences: 1 });
      // The 4xx answers the other contracts provoked (400, 404, 422) were never reported.
      const { items } = await rollbarGet<{ items: RollbarItem[] }>('/items/?level=error');
      expect(items.map((each) => each.title)).toEqual([item.title]);
      const { instances } = await rollbarGet<{ instances: { data: Record<string, unknown> }[] }>(
        `/item/${item.id}/instances`,
      );
      expect(instances).toHaveLength(1);
      const data = instances[0]?.data ?? {};
      expect(data.custom).toMatchObject({ trace_id: traceId });
      expect(data.person).toMatchObject({ id: 'andrewbrown' });
      expect(data.environment).toBe('development');
      const raw = JSON.stringify(data);
      for (const secret of ['query-secret', 'header-secret', 'cookie-secret']) {
        expect(raw).not.toContain(secret);
      }

      // The failed request's own trace holds the exception, with ERROR status.
      const trace = await waitForTrace(
        target.observabilityUrl(),
        traceId,
        (tree) => tree.spans.some((span) => span.status.code === 'error' && span.events.length > 0),
        10_000,
      );
      const failed = trace.spans.find((span) => span.events.length > 0);
      expect(JSON.stringify(failed?.events)).toContain('RollbarTestError');

      // …and its access-log line is what `{ $.status >= 500 }` finds.
      const failedLines = await eventually('a status >= 500 line of this trace', async () => {
        const events = await filterLogEvents('{ $.status >= 500 }');
        const ours = events.filter((event) => event.message?.includes(traceId));
        return ours.length > 0 ? ours : undefined;
      });
      expect(JSON.parse(failedLines[0]?.message ?? '{}')).toMatchObject({
        status: 500,
        path: '/rollbar/error?token=query-secret',
      });
    });
  });
}
