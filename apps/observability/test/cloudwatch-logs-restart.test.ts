import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, describe, expect, it } from 'vitest';
import { cloudWatchLogsClient, rejection } from './support/cloudwatch-logs-client.js';
import { forget, startTestServer, stopAllServers, tempDataFile } from './support/running-server.js';

describe('CloudWatch Logs groups, streams and events across a restart', () => {
  afterAll(stopAllServers);

  it('keeps what was acknowledged, and parallel puts to one stream all count', async () => {
    const data = tempDataFile();
    const first = await startTestServer({ data });
    const logs = cloudWatchLogsClient(first.url);
    const now = Date.now();
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'durable' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'durable', logStreamName: 's' }));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        logs.send(
          new PutLogEventsCommand({
            logGroupName: 'durable',
            logStreamName: 's',
            logEvents: [{ timestamp: now - 100 + i, message: `put ${i}` }],
          }),
        ),
      ),
    );
    logs.destroy();
    forget(first);
    await first.stop();

    const second = await startTestServer({ data });
    const again = cloudWatchLogsClient(second.url);
    const streams = await again.send(new DescribeLogStreamsCommand({ logGroupName: 'durable' }));
    expect(streams.logStreams?.[0]).toMatchObject({
      logStreamName: 's',
      firstEventTimestamp: now - 100,
      lastEventTimestamp: now - 81,
      storedBytes: 10 * 'put 0'.length + 10 * 'put 10'.length,
      uploadSequenceToken: '20'.padStart(56, '0'),
    });
    const events = await again.send(new FilterLogEventsCommand({ logGroupName: 'durable' }));
    expect(events.events?.map((e) => e.message)).toEqual(
      Array.from({ length: 20 }, (_, i) => `put ${i}`),
    );
    const duplicate = await rejection(
      again.send(new CreateLogGroupCommand({ logGroupName: 'durable' })),
    );
    expect(duplicate.name).toBe('ResourceAlreadyExistsException');
    again.destroy();
  });
});
