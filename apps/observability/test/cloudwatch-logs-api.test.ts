import {
  type CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  type InputLogEvent,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  paginateDescribeLogGroups,
  paginateFilterLogEvents,
  paginateGetLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { cloudWatchLogsClient, rejection } from './support/cloudwatch-logs-client.js';
import { startTestServer, stopAllServers } from './support/running-server.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('CloudWatch Logs API with the real @aws-sdk/client-cloudwatch-logs', () => {
  let server: RunningServer;
  let logs: CloudWatchLogsClient;
  beforeAll(async () => {
    server = await startTestServer();
    logs = cloudWatchLogsClient(server.url);
  });
  afterAll(async () => {
    logs.destroy();
    await stopAllServers();
  });

  async function groupWithStream(group: string, stream = 'main'): Promise<void> {
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
  }

  function put(group: string, stream: string, logEvents: InputLogEvent[]) {
    return logs.send(
      new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents }),
    );
  }

  async function messages(group: string, filterPattern?: string): Promise<string[]> {
    const out: string[] = [];
    for await (const page of paginateFilterLogEvents(
      { client: logs },
      { logGroupName: group, filterPattern },
    )) {
      for (const event of page.events ?? []) out.push(event.message ?? '');
    }
    return out;
  }

  describe('log groups and streams', () => {
    it('creates a group once; a second create is ResourceAlreadyExistsException', async () => {
      await logs.send(
        new CreateLogGroupCommand({ logGroupName: '/cruddur/api', tags: { team: 'core' } }),
      );
      const again = await rejection(
        logs.send(new CreateLogGroupCommand({ logGroupName: '/cruddur/api' })),
      );
      expect(again.name).toBe('ResourceAlreadyExistsException');
      expect((again.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
    });

    it('refuses bad group names and the reserved otlp/ prefix with InvalidParameterException', async () => {
      for (const logGroupName of ['has space', 'x'.repeat(513), 'otlp/checkout']) {
        const error = await rejection(logs.send(new CreateLogGroupCommand({ logGroupName })));
        expect(error.name).toBe('InvalidParameterException');
      }
    });

    it('creates streams only in existing groups, once', async () => {
      const missing = await rejection(
        logs.send(new CreateLogStreamCommand({ logGroupName: 'nope', logStreamName: 's' })),
      );
      expect(missing.name).toBe('ResourceNotFoundException');
      expect(missing.message).toBe('The specified log group does not exist.');
      await groupWithStream('streams-once');
      const again = await rejection(
        logs.send(
          new CreateLogStreamCommand({ logGroupName: 'streams-once', logStreamName: 'main' }),
        ),
      );
      expect(again.name).toBe('ResourceAlreadyExistsException');
      const badName = await rejection(
        logs.send(
          new CreateLogStreamCommand({ logGroupName: 'streams-once', logStreamName: 'a:b' }),
        ),
      );
      expect(badName.name).toBe('InvalidParameterException');
    });

    it('describes groups by prefix and pattern, page by page with nextToken', async () => {
      for (const name of ['paged-c', 'paged-a', 'paged-e', 'paged-b', 'paged-d']) {
        await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
      }
      const names: string[] = [];
      let pages = 0;
      for await (const page of paginateDescribeLogGroups(
        { client: logs, pageSize: 2 },
        { logGroupNamePrefix: 'paged-' },
      )) {
        pages++;
        names.push(...(page.logGroups ?? []).map((g) => g.logGroupName ?? ''));
      }
      expect(names).toEqual(['paged-a', 'paged-b', 'paged-c', 'paged-d', 'paged-e']);
      expect(pages).toBe(3);

      const byPattern = await logs.send(
        new DescribeLogGroupsCommand({ logGroupNamePattern: 'ged-d' }),
      );
      expect(byPattern.logGroups?.map((g) => g.logGroupName)).toEqual(['paged-d']);
      const group = byPattern.logGroups![0]!;
      expect(group.arn).toBe('arn:aws:logs:eu-west-1:000000000000:log-group:paged-d:*');
      expect(group.logGroupArn).toBe('arn:aws:logs:eu-west-1:000000000000:log-group:paged-d');
      expect(group.creationTime).toBeGreaterThan(Date.now() - HOUR);
      expect(group.storedBytes).toBe(0);

      const both = await rejection(
        logs.send(
          new DescribeLogGroupsCommand({ logGroupNamePrefix: 'a', logGroupNamePattern: 'b' }),
        ),
      );
      expect(both.name).toBe('InvalidParameterException');
    });

    it('describes streams by name or last event time, with stored statistics', async () => {
      await logs.send(new CreateLogGroupCommand({ logGroupName: 'described' }));
      const now = Date.now();
      for (const [stream, offset] of [
        ['web-1', 3],
        ['web-2', 1],
        ['worker', 2],
      ] as const) {
        await logs.send(
          new CreateLogStreamCommand({ logGroupName: 'described', logStreamName: stream }),
        );
        await put('described', stream, [
          { timestamp: now - offset * 1000, message: `${stream} hello` },
        ]);
      }
      const byName = await logs.send(
        new DescribeLogStreamsCommand({ logGroupName: 'described', logStreamNamePrefix: 'web-' }),
      );
      expect(byName.logStreams?.map((s) => s.logStreamName)).toEqual(['web-1', 'web-2']);
      const web1 = byName.logStreams![0]!;
      expect(web1.firstEventTimestamp).toBe(now - 3000);
      expect(web1.lastEventTimestamp).toBe(now - 3000);
      expect(web1.lastIngestionTime).toBeGreaterThanOrEqual(now - 1000);
      expect(web1.storedBytes).toBe('web-1 hello'.length);
      expect(web1.uploadSequenceToken).toMatch(/^\d{56}$/);

      const latestFirst = await logs.send(
        new DescribeLogStreamsCommand({
          logGroupName: 'described',
          orderBy: 'LastEventTime',
          descending: true,
        }),
      );
      expect(latestFirst.logStreams?.map((s) => s.logStreamName)).toEqual([
        'web-2',
        'worker',
        'web-1',
      ]);

      const paged = await logs.send(
        new DescribeLogStreamsCommand({ logGroupName: 'described', limit: 2 }),
      );
      expect(paged.logStreams).toHaveLength(2);
      const rest = await logs.send(
        new DescribeLogStreamsCommand({
          logGroupName: 'described',
          limit: 2,
          nextToken: paged.nextToken,
        }),
      );
      expect(rest.logStreams?.map((s) => s.logStreamName)).toEqual(['worker']);
      expect(rest.nextToken).toBeUndefined();

      const byArn = await logs.send(
        new DescribeLogStreamsCommand({
          logGroupIdentifier: 'arn:aws:logs:eu-west-1:000000000000:log-group:described',
        }),
      );
      expect(byArn.logStreams).toHaveLength(3);

      const described = await logs.send(
        new DescribeLogGroupsCommand({ logGroupNamePrefix: 'described' }),
      );
      expect(described.logGroups?.[0]?.storedBytes).toBe(
        'web-1 hello'.length * 2 + 'worker hello'.length,
      );

      const missing = await rejection(
        logs.send(new DescribeLogStreamsCommand({ logGroupName: 'nope' })),
      );
      expect(missing.name).toBe('ResourceNotFoundException');
      const conflicting = await rejection(
        logs.send(
          new DescribeLogStreamsCommand({
            logGroupName: 'described',
            orderBy: 'LastEventTime',
            logStreamNamePrefix: 'web',
          }),
        ),
      );
      expect(conflicting.name).toBe('InvalidParameterException');
      const badToken = await rejection(
        logs.send(
          new DescribeLogStreamsCommand({ logGroupName: 'described', nextToken: 'bm9wZQ' }),
        ),
      );
      expect(badToken.name).toBe('InvalidParameterException');
    });

    it('deletes a stream with its events, and a group with its streams and events', async () => {
      await groupWithStream('doomed', 'a');
      await logs.send(new CreateLogStreamCommand({ logGroupName: 'doomed', logStreamName: 'b' }));
      await put('doomed', 'a', [{ timestamp: Date.now(), message: 'in a' }]);
      await put('doomed', 'b', [{ timestamp: Date.now(), message: 'in b' }]);

      await logs.send(new DeleteLogStreamCommand({ logGroupName: 'doomed', logStreamName: 'a' }));
      expect(await messages('doomed')).toEqual(['in b']);

      await logs.send(new DeleteLogGroupCommand({ logGroupName: 'doomed' }));
      const gone = await rejection(
        logs.send(new FilterLogEventsCommand({ logGroupName: 'doomed' })),
      );
      expect(gone.name).toBe('ResourceNotFoundException');
      const again = await rejection(
        logs.send(new DeleteLogGroupCommand({ logGroupName: 'doomed' })),
      );
      expect(again.name).toBe('ResourceNotFoundException');

      await groupWithStream('doomed', 'a');
      expect(await messages('doomed')).toEqual([]);
      const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: 'doomed' }));
      expect(streams.logStreams?.map((s) => s.logStreamName)).toEqual(['a']);
      const rows = await server.store.query(
        "SELECT count(*) AS n FROM events WHERE log_group = 'doomed'",
      );
      expect(Number(rows[0]?.n)).toBe(0);
    });
  });

  describe('PutLogEvents', () => {
    it('stores events in the logs table under the group as dataset', async () => {
      await groupWithStream('cruddur');
      const now = Date.now();
      const result = await put('cruddur', 'main', [
        { timestamp: now - 10, message: 'first' },
        { timestamp: now, message: 'second' },
      ]);
      expect(result.nextSequenceToken).toMatch(/^\d{56}$/);
      expect(result.rejectedLogEventsInfo).toBeUndefined();
      const rows = await server.store.query(
        `SELECT signal, source, service, body, log_group, log_stream, time_unix_nano
         FROM events WHERE log_group = 'cruddur' ORDER BY time_unix_nano`,
      );
      expect(rows).toEqual([
        {
          signal: 2,
          source: 'cloudwatch',
          service: 'cruddur',
          body: 'first',
          log_group: 'cruddur',
          log_stream: 'main',
          time_unix_nano: BigInt(now - 10) * 1_000_000n,
        },
        {
          signal: 2,
          source: 'cloudwatch',
          service: 'cruddur',
          body: 'second',
          log_group: 'cruddur',
          log_stream: 'main',
          time_unix_nano: BigInt(now) * 1_000_000n,
        },
      ]);
    });

    it('keeps two identical messages in one millisecond as two events, and a resent request once', async () => {
      await groupWithStream('twins');
      const timestamp = Date.now();
      const events = [
        { timestamp, message: 'same' },
        { timestamp, message: 'same' },
      ];
      await put('twins', 'main', events);
      await put('twins', 'main', events);
      expect(await messages('twins')).toEqual(['same', 'same']);
      await put('twins', 'main', [...events, { timestamp, message: 'same' }]);
      expect(await messages('twins')).toEqual(['same', 'same', 'same', 'same', 'same']);
    });

    it('answers ResourceNotFoundException for a missing group or stream', async () => {
      const noGroup = await rejection(
        put('absent', 'main', [{ timestamp: Date.now(), message: 'x' }]),
      );
      expect(noGroup.name).toBe('ResourceNotFoundException');
      await logs.send(new CreateLogGroupCommand({ logGroupName: 'streamless' }));
      const noStream = await rejection(
        put('streamless', 'main', [{ timestamp: Date.now(), message: 'x' }]),
      );
      expect(noStream.name).toBe('ResourceNotFoundException');
      expect(noStream.message).toBe('The specified log stream does not exist.');
    });

    it('refuses batches past the limits with InvalidParameterException and stores none of them', async () => {
      await groupWithStream('limits');
      const now = Date.now();
      const cases: InputLogEvent[][] = [
        Array.from({ length: 10_001 }, (_, i) => ({ timestamp: now, message: `m${i}` })),
        // 5 × (209,700 + 26) bytes: each event fits, the batch is past 1,048,576 bytes.
        Array.from({ length: 5 }, () => ({ timestamp: now, message: 'x'.repeat(209_700) })),
        [{ timestamp: now, message: 'é'.repeat(131_060) }],
        [
          { timestamp: now, message: 'later' },
          { timestamp: now - 1, message: 'earlier' },
        ],
        [
          { timestamp: now - 25 * HOUR, message: 'day before' },
          { timestamp: now, message: 'now' },
        ],
        [{ timestamp: now, message: '' }],
        [],
      ];
      for (const logEvents of cases) {
        const error = await rejection(put('limits', 'main', logEvents));
        expect(error.name).toBe('InvalidParameterException');
      }
      expect(await messages('limits')).toEqual([]);

      const fullBatch = Array.from({ length: 10_000 }, (_, i) => ({
        timestamp: now,
        message: `m${i}`,
      }));
      await put('limits', 'main', fullBatch);
      const biggest = [{ timestamp: now, message: 'x'.repeat(262_144 - 26) }];
      await put('limits', 'main', biggest);
      expect((await messages('limits')).length).toBe(10_001);
    });

    it('stores the valid events and reports too old and too new ones in rejectedLogEventsInfo', async () => {
      await groupWithStream('rejects');
      const now = Date.now();
      const result = await put('rejects', 'main', [
        { timestamp: now - 15 * DAY, message: 'too old 0' },
        { timestamp: now - 14 * DAY - HOUR, message: 'too old 1' },
        { timestamp: now - HOUR, message: 'valid 2' },
        { timestamp: now, message: 'valid 3' },
        { timestamp: now + 3 * HOUR, message: 'too new 4' },
      ]);
      expect(result.rejectedLogEventsInfo).toEqual({
        tooOldLogEventEndIndex: 1,
        tooNewLogEventStartIndex: 4,
      });
      expect(await messages('rejects')).toEqual(['valid 2', 'valid 3']);
    });

    it('reports events past the group retention as expired', async () => {
      await groupWithStream('retained');
      await logs.send(
        new PutRetentionPolicyCommand({ logGroupName: 'retained', retentionInDays: 1 }),
      );
      const now = Date.now();
      const result = await put('retained', 'main', [
        { timestamp: now - 2 * DAY, message: 'expired' },
        { timestamp: now, message: 'kept' },
      ]);
      expect(result.rejectedLogEventsInfo).toEqual({ expiredLogEventEndIndex: 0 });
      expect(await messages('retained')).toEqual(['kept']);
      const group = await logs.send(
        new DescribeLogGroupsCommand({ logGroupNamePrefix: 'retained' }),
      );
      expect(group.logGroups?.[0]?.retentionInDays).toBe(1);
      await logs.send(new DeleteRetentionPolicyCommand({ logGroupName: 'retained' }));
      const kept = await put('retained', 'main', [{ timestamp: now - 2 * DAY, message: 'older' }]);
      expect(kept.rejectedLogEventsInfo).toBeUndefined();
      const unlimited = await logs.send(
        new DescribeLogGroupsCommand({ logGroupNamePrefix: 'retained' }),
      );
      expect(unlimited.logGroups?.[0]?.retentionInDays).toBeUndefined();
      const badDays = await rejection(
        logs.send(new PutRetentionPolicyCommand({ logGroupName: 'retained', retentionInDays: 2 })),
      );
      expect(badDays.name).toBe('InvalidParameterException');
    });
  });

  describe('GetLogEvents', () => {
    const start = Date.now() - HOUR;
    beforeAll(async () => {
      await groupWithStream('paging', 'p');
      await logs.send(
        new CreateLogStreamCommand({ logGroupName: 'paging', logStreamName: 'other' }),
      );
      await put(
        'paging',
        'p',
        Array.from({ length: 7 }, (_, i) => ({
          timestamp: start + i * 1000,
          message: `event ${i}`,
        })),
      );
      await put('paging', 'other', [{ timestamp: start, message: 'elsewhere' }]);
    });

    it('pages forward from the head and returns the same token at the end of the stream', async () => {
      const seen: string[] = [];
      let token: string | undefined;
      let previous: string | undefined;
      for (let call = 0; call < 10; call++) {
        const page = await logs.send(
          new GetLogEventsCommand({
            logGroupName: 'paging',
            logStreamName: 'p',
            startFromHead: true,
            limit: 3,
            nextToken: token,
          }),
        );
        seen.push(...(page.events ?? []).map((e) => e.message ?? ''));
        previous = token;
        token = page.nextForwardToken;
        if (token === previous) break;
      }
      expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `event ${i}`));
      expect(token).toBe(previous);
    });

    it('works with the SDK paginator stopping on the same token', async () => {
      const seen: number[] = [];
      for await (const page of paginateGetLogEvents(
        { client: logs, pageSize: 2, stopOnSameToken: true },
        { logGroupName: 'paging', logStreamName: 'p', startFromHead: true },
      )) {
        seen.push(...(page.events ?? []).map((e) => e.timestamp ?? 0));
      }
      expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => start + i * 1000));
    });

    it('starts from the newest events by default and pages backward', async () => {
      const newest = await logs.send(
        new GetLogEventsCommand({ logGroupName: 'paging', logStreamName: 'p', limit: 3 }),
      );
      expect(newest.events?.map((e) => e.message)).toEqual(['event 4', 'event 5', 'event 6']);
      expect(newest.events?.[0]?.ingestionTime).toBeGreaterThanOrEqual(start);
      const older = await logs.send(
        new GetLogEventsCommand({
          logGroupName: 'paging',
          logStreamName: 'p',
          limit: 3,
          nextToken: newest.nextBackwardToken,
        }),
      );
      expect(older.events?.map((e) => e.message)).toEqual(['event 1', 'event 2', 'event 3']);
      const oldest = await logs.send(
        new GetLogEventsCommand({
          logGroupName: 'paging',
          logStreamName: 'p',
          limit: 3,
          nextToken: older.nextBackwardToken,
        }),
      );
      expect(oldest.events?.map((e) => e.message)).toEqual(['event 0']);
      const beyond = await logs.send(
        new GetLogEventsCommand({
          logGroupName: 'paging',
          logStreamName: 'p',
          nextToken: oldest.nextBackwardToken,
        }),
      );
      expect(beyond.events).toEqual([]);
      expect(beyond.nextBackwardToken).toBe(oldest.nextBackwardToken);
      const forwardAgain = await logs.send(
        new GetLogEventsCommand({
          logGroupName: 'paging',
          logStreamName: 'p',
          nextToken: beyond.nextForwardToken,
          limit: 2,
        }),
      );
      expect(forwardAgain.events?.map((e) => e.message)).toEqual(['event 0', 'event 1']);
    });

    it('limits to a time range: start inclusive, end exclusive', async () => {
      const page = await logs.send(
        new GetLogEventsCommand({
          logGroupName: 'paging',
          logStreamName: 'p',
          startTime: start + 2000,
          endTime: start + 5000,
          startFromHead: true,
        }),
      );
      expect(page.events?.map((e) => e.message)).toEqual(['event 2', 'event 3', 'event 4']);
    });

    it('refuses bad tokens, a token of another stream, and a missing stream', async () => {
      const other = await logs.send(
        new GetLogEventsCommand({
          logGroupName: 'paging',
          logStreamName: 'other',
          startFromHead: true,
        }),
      );
      for (const nextToken of ['garbage', 'f/!!!', 'x/eyJ0IjoiMSJ9', other.nextForwardToken]) {
        const error = await rejection(
          logs.send(
            new GetLogEventsCommand({ logGroupName: 'paging', logStreamName: 'p', nextToken }),
          ),
        );
        expect(error.name).toBe('InvalidParameterException');
      }
      const missing = await rejection(
        logs.send(new GetLogEventsCommand({ logGroupName: 'paging', logStreamName: 'nope' })),
      );
      expect(missing.name).toBe('ResourceNotFoundException');
    });
  });

  describe('FilterLogEvents', () => {
    const start = Date.now() - HOUR;
    beforeAll(async () => {
      await groupWithStream('search', 'api-1');
      await logs.send(
        new CreateLogStreamCommand({ logGroupName: 'search', logStreamName: 'api-2' }),
      );
      await logs.send(
        new CreateLogStreamCommand({ logGroupName: 'search', logStreamName: 'worker' }),
      );
      await put('search', 'api-1', [
        { timestamp: start, message: 'ERROR Failed to process order 1' },
        {
          timestamp: start + 2000,
          message: '{"level":"error","latency":900,"path":"/api/activities"}',
        },
        { timestamp: start + 4000, message: 'INFO served /api/activities' },
      ]);
      await put('search', 'api-2', [
        { timestamp: start + 1000, message: '{"level":"info","latency":20,"path":"/api/home"}' },
        { timestamp: start + 3000, message: 'WARN slow query' },
      ]);
      await put('search', 'worker', [
        { timestamp: start + 5000, message: '10.0.0.1 GET /api/home 503 12' },
        { timestamp: start + 6000, message: 'ERROR Exiting worker' },
      ]);
    });

    it('interleaves every stream oldest first with stream names and event ids', async () => {
      const page = await logs.send(new FilterLogEventsCommand({ logGroupName: 'search' }));
      expect(page.events?.map((e) => [e.logStreamName, e.timestamp])).toEqual([
        ['api-1', start],
        ['api-2', start + 1000],
        ['api-1', start + 2000],
        ['api-2', start + 3000],
        ['api-1', start + 4000],
        ['worker', start + 5000],
        ['worker', start + 6000],
      ]);
      expect(new Set(page.events?.map((e) => e.eventId)).size).toBe(7);
      expect(page.nextToken).toBeUndefined();
    });

    it.each([
      ['ERROR', ['ERROR Failed to process order 1', 'ERROR Exiting worker']],
      ['ERROR -Exiting', ['ERROR Failed to process order 1']],
      ['"Failed to process"', ['ERROR Failed to process order 1']],
      ['?WARN ?Exiting', ['WARN slow query', 'ERROR Exiting worker']],
      ['{ $.level = "error" }', ['{"level":"error","latency":900,"path":"/api/activities"}']],
      [
        '{ $.latency > 10 && $.path = "/api/*" }',
        [
          '{"level":"info","latency":20,"path":"/api/home"}',
          '{"level":"error","latency":900,"path":"/api/activities"}',
        ],
      ],
      ['[ip, method, path, status = 5*, bytes]', ['10.0.0.1 GET /api/home 503 12']],
    ])('filters with %j', async (filterPattern, expected) => {
      expect(await messages('search', filterPattern)).toEqual(expected);
    });

    it('narrows to streams by name or prefix, and to a time range', async () => {
      const named = await logs.send(
        new FilterLogEventsCommand({ logGroupName: 'search', logStreamNames: ['worker', 'api-2'] }),
      );
      expect(named.events?.map((e) => e.logStreamName)).toEqual([
        'api-2',
        'api-2',
        'worker',
        'worker',
      ]);
      const prefixed = await logs.send(
        new FilterLogEventsCommand({ logGroupName: 'search', logStreamNamePrefix: 'api-' }),
      );
      expect(prefixed.events).toHaveLength(5);
      const ranged = await logs.send(
        new FilterLogEventsCommand({
          logGroupName: 'search',
          startTime: start + 1000,
          endTime: start + 3000,
        }),
      );
      expect(ranged.events?.map((e) => e.timestamp)).toEqual([start + 1000, start + 2000]);
      const both = await rejection(
        logs.send(
          new FilterLogEventsCommand({
            logGroupName: 'search',
            logStreamNames: ['a'],
            logStreamNamePrefix: 'a',
          }),
        ),
      );
      expect(both.name).toBe('InvalidParameterException');
    });

    it('pages with nextToken until it is absent', async () => {
      const timestamps: number[] = [];
      let pages = 0;
      for await (const page of paginateFilterLogEvents(
        { client: logs, pageSize: 3 },
        { logGroupName: 'search' },
      )) {
        pages++;
        timestamps.push(...(page.events ?? []).map((e) => e.timestamp ?? 0));
      }
      expect(timestamps).toEqual(Array.from({ length: 7 }, (_, i) => start + i * 1000));
      expect(pages).toBe(3);
    });

    it('refuses a bad pattern, a bad token and a token of another search', async () => {
      const badPattern = await rejection(
        logs.send(
          new FilterLogEventsCommand({ logGroupName: 'search', filterPattern: '{ $.level = ' }),
        ),
      );
      expect(badPattern.name).toBe('InvalidParameterException');
      expect(badPattern.message).toMatch(/Invalid filter pattern/);
      const first = await logs.send(
        new FilterLogEventsCommand({ logGroupName: 'search', limit: 1 }),
      );
      const otherSearch = await rejection(
        logs.send(
          new FilterLogEventsCommand({
            logGroupName: 'search',
            filterPattern: 'ERROR',
            nextToken: first.nextToken,
          }),
        ),
      );
      expect(otherSearch.name).toBe('InvalidParameterException');
      const garbage = await rejection(
        logs.send(new FilterLogEventsCommand({ logGroupName: 'search', nextToken: 'e30' })),
      );
      expect(garbage.name).toBe('InvalidParameterException');
      const noGroup = await rejection(
        logs.send(new FilterLogEventsCommand({ logGroupName: 'nope' })),
      );
      expect(noGroup.name).toBe('ResourceNotFoundException');
    });
  });
});
