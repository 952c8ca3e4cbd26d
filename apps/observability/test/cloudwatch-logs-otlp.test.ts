import {
  type CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { cloudWatchLogsClient, rejection } from './support/cloudwatch-logs-client.js';
import { startTestServer, stopAllServers } from './support/running-server.js';

describe('OTLP logs through the CloudWatch Logs API', () => {
  let server: RunningServer;
  let logs: CloudWatchLogsClient;
  const now = Date.now();

  async function exportLogs(resource: Record<string, string>, bodies: string[]): Promise<void> {
    const provider = new LoggerProvider({
      resource: resourceFromAttributes(resource),
      processors: [
        new BatchLogRecordProcessor({
          exporter: new OTLPLogExporter({ url: `${server.url}/v1/logs` }),
        }),
      ],
    });
    const logger = provider.getLogger('checkout-logger');
    for (const [i, body] of bodies.entries()) {
      logger.emit({ body, severityNumber: SeverityNumber.ERROR, timestamp: now - 1000 + i });
    }
    await provider.forceFlush();
    await provider.shutdown();
  }

  beforeAll(async () => {
    server = await startTestServer();
    logs = cloudWatchLogsClient(server.url);
    await exportLogs({ 'service.name': 'checkout', 'service.instance.id': 'pod-1' }, [
      'payment declined for order 7',
      '{"level":"error","order":7}',
    ]);
    await exportLogs({ 'service.name': 'checkout' }, ['payment retried']);
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'checkout-cw' }));
    await logs.send(
      new CreateLogStreamCommand({ logGroupName: 'checkout-cw', logStreamName: 's' }),
    );
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'checkout-cw',
        logStreamName: 's',
        logEvents: [{ timestamp: now, message: 'payment accepted' }],
      }),
    );
  });
  afterAll(async () => {
    logs.destroy();
    await stopAllServers();
  });

  it('lists otlp/<service.name> among the log groups', async () => {
    const groups = await logs.send(new DescribeLogGroupsCommand({}));
    expect(groups.logGroups?.map((g) => g.logGroupName)).toEqual(['checkout-cw', 'otlp/checkout']);
    const otlp = groups.logGroups![1]!;
    expect(otlp.creationTime).toBe(now - 1000);
    expect(otlp.storedBytes).toBeGreaterThan(0);
  });

  it('names streams by service.instance.id, else default', async () => {
    const streams = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: 'otlp/checkout' }),
    );
    expect(streams.logStreams?.map((s) => [s.logStreamName, s.firstEventTimestamp])).toEqual([
      ['default', now - 1000],
      ['pod-1', now - 1000],
    ]);
  });

  it('searches OTLP records with filter patterns, and reads a stream with GetLogEvents', async () => {
    const json = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: 'otlp/checkout',
        filterPattern: '{ $.order = 7 }',
      }),
    );
    expect(json.events?.map((e) => [e.logStreamName, e.message])).toEqual([
      ['pod-1', '{"level":"error","order":7}'],
    ]);
    const terms = await logs.send(
      new FilterLogEventsCommand({ logGroupName: 'otlp/checkout', filterPattern: 'payment' }),
    );
    expect(terms.events?.map((e) => e.message).sort()).toEqual([
      'payment declined for order 7',
      'payment retried',
    ]);
    const stream = await logs.send(
      new GetLogEventsCommand({
        logGroupName: 'otlp/checkout',
        logStreamName: 'pod-1',
        startFromHead: true,
      }),
    );
    expect(stream.events?.map((e) => e.message)).toEqual([
      'payment declined for order 7',
      '{"level":"error","order":7}',
    ]);
  });

  it('keeps otlp/ groups read-only', async () => {
    for (const command of [
      new CreateLogGroupCommand({ logGroupName: 'otlp/checkout' }),
      new CreateLogStreamCommand({ logGroupName: 'otlp/checkout', logStreamName: 'x' }),
      new PutLogEventsCommand({
        logGroupName: 'otlp/checkout',
        logStreamName: 'pod-1',
        logEvents: [{ timestamp: now, message: 'x' }],
      }),
      new DeleteLogGroupCommand({ logGroupName: 'otlp/checkout' }),
    ]) {
      const error = await rejection(logs.send(command as never));
      expect(error.name).toBe('InvalidParameterException');
    }
    const missing = await rejection(
      logs.send(new FilterLogEventsCommand({ logGroupName: 'otlp/no-such-service' })),
    );
    expect(missing.name).toBe('ResourceNotFoundException');
  });
});
