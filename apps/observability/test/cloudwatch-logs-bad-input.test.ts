import { gzipSync } from 'node:zlib';
import {
  type CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { cloudWatchLogsClient, rejection } from './support/cloudwatch-logs-client.js';
import { startTestServer, stopAllServers } from './support/running-server.js';

const JSON_11 = 'application/x-amz-json-1.1';

interface RawAnswer {
  status: number;
  type: string;
  message: string;
  contentType: string | null;
  requestId: string | null;
}

async function post(
  url: string,
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: { 'content-type': JSON_11, ...headers },
    body,
  });
  const json = (await response.json()) as { __type?: string; message?: string };
  return {
    status: response.status,
    type: json.__type ?? '',
    message: json.message ?? '',
    contentType: response.headers.get('content-type'),
    requestId: response.headers.get('x-amzn-requestid'),
  };
}

const put = (_group: string, _stream: string) => ({ 'x-amz-target': 'Logs_20140328.PutLogEvents' });

describe('CloudWatch Logs API refuses bad input in AWS error shapes, storing nothing', () => {
  let server: RunningServer;
  let logs: CloudWatchLogsClient;
  const now = Date.now();

  async function storedState(): Promise<unknown> {
    const events = await server.store.query(
      'SELECT log_group, log_stream, body FROM events ORDER BY time_unix_nano, event_id',
    );
    const groups = await server.store.query('SELECT name FROM cloudwatch_log_groups ORDER BY name');
    const streams = await server.store.query(
      'SELECT group_name, name, stored_bytes FROM cloudwatch_log_streams ORDER BY ALL',
    );
    return { events, groups, streams };
  }

  beforeAll(async () => {
    server = await startTestServer();
    logs = cloudWatchLogsClient(server.url);
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'kept' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'kept', logStreamName: 's' }));
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'kept',
        logStreamName: 's',
        logEvents: [{ timestamp: now, message: 'already here' }],
      }),
    );
  });
  afterAll(async () => {
    logs.destroy();
    await stopAllServers();
  });

  it('answers malformed, truncated and non-object JSON with SerializationException', async () => {
    const before = await storedState();
    const valid = JSON.stringify({
      logGroupName: 'kept',
      logStreamName: 's',
      logEvents: [{ timestamp: now, message: 'never stored' }],
    });
    for (const body of [
      '{"logGroupName":',
      valid.slice(0, valid.length - 3),
      '[]',
      'null',
      '42',
      '"s"',
    ]) {
      const answer = await post(server.url, body, put('kept', 's'));
      expect(answer).toMatchObject({
        status: 400,
        type: 'SerializationException',
        contentType: JSON_11,
      });
      expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    const gzipTruncated = gzipSync(valid).subarray(0, 20);
    const truncated = await post(server.url, gzipTruncated, {
      ...put('kept', 's'),
      'content-encoding': 'gzip',
    });
    expect(truncated).toMatchObject({ status: 400, type: 'SerializationException' });
    expect(await storedState()).toEqual(before);
  });

  it('answers a missing, foreign, unsupported or hostile target with UnknownOperationException', async () => {
    for (const target of [
      undefined,
      'Kinesis_20131202.PutRecord',
      'Logs_20140328.StartQuery',
      'Logs_20140328.__proto__',
      'Logs_20140328.constructor',
      'Logs_20140328.',
      'logs_20140328.PutLogEvents',
    ]) {
      const answer = await post(
        server.url,
        '{}',
        target === undefined ? {} : { 'x-amz-target': target },
      );
      expect(answer).toMatchObject({ status: 400, type: 'UnknownOperationException' });
    }
  });

  it('answers a wrong content type with SerializationException', async () => {
    const answer = await post(server.url, '{}', {
      'x-amz-target': 'Logs_20140328.DescribeLogGroups',
      'content-type': 'text/plain',
    });
    expect(answer).toMatchObject({ status: 400, type: 'SerializationException' });
  });

  it('answers oversized and gzip-bomb bodies with 413 before parsing them', async () => {
    const before = await storedState();
    const huge = JSON.stringify({
      logGroupName: 'kept',
      logStreamName: 's',
      logEvents: [{ timestamp: now, message: 'x'.repeat(9 * 1024 * 1024) }],
    });
    const plain = await post(server.url, huge, put('kept', 's'));
    expect(plain).toMatchObject({ status: 413, type: 'InvalidParameterException' });
    const bomb = await post(server.url, gzipSync(huge), {
      ...put('kept', 's'),
      'content-encoding': 'gzip',
    });
    expect(bomb).toMatchObject({ status: 413, type: 'InvalidParameterException' });
    expect(await storedState()).toEqual(before);
  });

  it('answers wrongly typed and out-of-range members with InvalidParameterException', async () => {
    const before = await storedState();
    const bodies: unknown[] = [
      {
        logGroupName: 'kept',
        logStreamName: 's',
        logEvents: [{ timestamp: String(now), message: 'x' }],
      },
      { logGroupName: 'kept', logStreamName: 's', logEvents: [{ timestamp: -1, message: 'x' }] },
      { logGroupName: 'kept', logStreamName: 's', logEvents: [{ timestamp: 1e300, message: 'x' }] },
      { logGroupName: 'kept', logStreamName: 's', logEvents: [{ timestamp: 1.5, message: 'x' }] },
      { logGroupName: 'kept', logStreamName: 's', logEvents: [{ timestamp: now, message: 7 }] },
      { logGroupName: 'kept', logStreamName: 's', logEvents: { timestamp: now, message: 'x' } },
      { logGroupName: 'kept', logStreamName: 's', logEvents: [null] },
      { logGroupName: ['kept'], logStreamName: 's', logEvents: [{ timestamp: now, message: 'x' }] },
      { logStreamName: 's', logEvents: [{ timestamp: now, message: 'x' }] },
      JSON.parse(
        `{"__proto__":{"logGroupName":"kept"},"logStreamName":"s","logEvents":[{"timestamp":${now},"message":"x"}]}`,
      ),
    ];
    for (const body of bodies) {
      const answer = await post(server.url, JSON.stringify(body), put('kept', 's'));
      expect(answer).toMatchObject({ status: 400, type: 'InvalidParameterException' });
    }
    const limit = await post(server.url, JSON.stringify({ logGroupName: 'kept', limit: 51 }), {
      'x-amz-target': 'Logs_20140328.DescribeLogStreams',
    });
    expect(limit).toMatchObject({ status: 400, type: 'InvalidParameterException' });
    expect(await storedState()).toEqual(before);
  });

  it('stores hostile names and messages as plain text, and searches for them safely', async () => {
    const injection = "x'); DROP TABLE events; --";
    const badGroup = await rejection(
      logs.send(new CreateLogGroupCommand({ logGroupName: injection })),
    );
    expect(badGroup.name).toBe('InvalidParameterException');
    const stream = `quote'"\\ stream <script>`;
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'kept', logStreamName: stream }));
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'kept',
        logStreamName: stream,
        logEvents: [{ timestamp: now + 1, message: injection }],
      }),
    );
    const found = await logs.send(
      new FilterLogEventsCommand({ logGroupName: 'kept', filterPattern: `"${injection}"` }),
    );
    expect(found.events?.map((e) => [e.logStreamName, e.message])).toEqual([[stream, injection]]);
    const read = await logs.send(
      new GetLogEventsCommand({ logGroupName: 'kept', logStreamName: stream, startFromHead: true }),
    );
    expect(read.events?.map((e) => e.message)).toEqual([injection]);
    const rows = await server.store.query(
      "SELECT count(*) AS n FROM events WHERE log_group = 'kept'",
    );
    expect(Number(rows[0]?.n)).toBe(2);
  });

  it('refuses hostile filter patterns and tokens without touching data', async () => {
    const before = await storedState();
    for (const filterPattern of [
      '{ $.a = "x" ',
      '[a, b',
      '%(%',
      '{ $.a[99999999999999999999] = 1 }',
    ]) {
      const error = await rejection(
        logs.send(new FilterLogEventsCommand({ logGroupName: 'kept', filterPattern })),
      );
      expect(error.name).toBe('InvalidParameterException');
    }
    const forged = Buffer.from(
      JSON.stringify({ t: '1; DROP TABLE events', i: '1', q: 'x' }),
    ).toString('base64url');
    const error = await rejection(
      logs.send(new FilterLogEventsCommand({ logGroupName: 'kept', nextToken: forged })),
    );
    expect(error.name).toBe('InvalidParameterException');
    expect(await storedState()).toEqual(before);
  });
});

describe('CloudWatch Logs API with ingest and query keys', () => {
  let server: RunningServer;
  const clients: CloudWatchLogsClient[] = [];
  const client = (key: string) => {
    const made = cloudWatchLogsClient(server.url, key);
    clients.push(made);
    return made;
  };

  beforeAll(async () => {
    server = await startTestServer({ ingestKeys: ['ingest-key'], queryKeys: ['query-key'] });
  });
  afterAll(async () => {
    for (const made of clients) made.destroy();
    await stopAllServers();
  });

  it('lets the signing access key id of an ingest key send and describe, but not read or delete', async () => {
    const sender = client('ingest-key');
    await sender.send(new CreateLogGroupCommand({ logGroupName: 'secured' }));
    await sender.send(new CreateLogStreamCommand({ logGroupName: 'secured', logStreamName: 's' }));
    await sender.send(
      new PutLogEventsCommand({
        logGroupName: 'secured',
        logStreamName: 's',
        logEvents: [{ timestamp: Date.now(), message: 'secret' }],
      }),
    );
    const streams = await sender.send(new DescribeLogStreamsCommand({ logGroupName: 'secured' }));
    expect(streams.logStreams?.map((s) => s.logStreamName)).toEqual(['s']);
    for (const command of [
      new FilterLogEventsCommand({ logGroupName: 'secured' }),
      new GetLogEventsCommand({ logGroupName: 'secured', logStreamName: 's' }),
      new DeleteLogGroupCommand({ logGroupName: 'secured' }),
    ]) {
      const error = await rejection(sender.send(command as never));
      expect(error.name).toBe('AccessDeniedException');
    }
    const reader = client('query-key');
    const found = await reader.send(new FilterLogEventsCommand({ logGroupName: 'secured' }));
    expect(found.events?.map((e) => e.message)).toEqual(['secret']);
  });

  it('answers an unknown or absent key with UnrecognizedClientException', async () => {
    const stranger = await rejection(
      client('AKIASTRANGER').send(new FilterLogEventsCommand({ logGroupName: 'secured' })),
    );
    expect(stranger.name).toBe('UnrecognizedClientException');
    const unsigned = await post(server.url, '{}', {
      'x-amz-target': 'Logs_20140328.DescribeLogGroups',
    });
    expect(unsigned).toMatchObject({ status: 400, type: 'UnrecognizedClientException' });
    const withHeader = await fetch(`${server.url}/`, {
      method: 'POST',
      headers: {
        'content-type': JSON_11,
        'x-amz-target': 'Logs_20140328.DescribeLogGroups',
        'x-api-key': 'query-key',
      },
      body: '{}',
    });
    expect(withHeader.status).toBe(200);
  });
});
