import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CloudWatchLogsServer,
  startCloudWatchLogsServer,
} from '../../../../test/support/cloudwatch-logs-server.js';
import { startBlackHole } from '../../../../test/support/dead-endpoints.js';
import {
  CloudWatchLogShipper,
  type CloudWatchLogShipperOptions,
} from './cloudwatch-log-shipper.js';

let server: CloudWatchLogsServer;
const shippers: CloudWatchLogShipper[] = [];

function clientFor(url: string): CloudWatchLogsClient {
  return new CloudWatchLogsClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    maxAttempts: 1,
  });
}

function shipper(options: Partial<CloudWatchLogShipperOptions> = {}): CloudWatchLogShipper {
  const created = new CloudWatchLogShipper({
    client: clientFor(server.url),
    logGroupName: 'cruddur',
    logStreamName: 'cruddur-backend/test-host/1234',
    flushIntervalMs: 20,
    sendTimeoutMs: 5_000,
    retryBaseDelayMs: 5,
    ...options,
  });
  shippers.push(created);
  return created;
}

const shippedMessages = () => server.puts.flatMap((put) => put.logEvents.map((e) => e.message));

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeEach(async () => {
  server = await startCloudWatchLogsServer();
});

afterEach(async () => {
  await Promise.all(shippers.splice(0).map((s) => s.shutdown()));
  await server.close();
});

describe('CloudWatchLogShipper', () => {
  it('creates the missing group and stream, then ships lines in order as the event messages', async () => {
    const logs = shipper();
    logs.add('{"msg":"first","status":200}', 1_000);
    logs.add('{"msg":"second","status":500}', 1_001);
    await logs.forceFlush();

    expect(server.operations).toEqual([
      'CreateLogStream',
      'CreateLogGroup',
      'CreateLogStream',
      'PutLogEvents',
    ]);
    expect(server.groups.get('cruddur')).toEqual(new Set(['cruddur-backend/test-host/1234']));
    expect(server.puts[0]?.logEvents).toEqual([
      { timestamp: 1_000, message: '{"msg":"first","status":200}' },
      { timestamp: 1_001, message: '{"msg":"second","status":500}' },
    ]);
    expect(logs.stats()).toMatchObject({ shipped: 2, dropped: 0, queued: 0 });
  });

  it('uses an existing group without creating it again', async () => {
    server.groups.set('cruddur', new Set());
    const logs = shipper();
    logs.add('hello');
    await logs.forceFlush();
    expect(server.operations).toEqual(['CreateLogStream', 'PutLogEvents']);
  });

  it('sends on its own after the flush interval, without forceFlush', async () => {
    const logs = shipper({ flushIntervalMs: 30 });
    logs.add('by the timer');
    await waitFor(() => server.puts.length === 1);
    expect(shippedMessages()).toEqual(['by the timer']);
  });

  it('never puts more than 10,000 events in one call', async () => {
    const logs = shipper({ flushIntervalMs: 60_000, maxQueuedEvents: 30_000 });
    const start = Date.now();
    for (let i = 0; i < 25_000; i++) logs.add(`event ${i}`, start + Math.floor(i / 100));
    await logs.forceFlush();

    expect(server.puts.map((put) => put.logEvents.length)).toEqual([10_000, 10_000, 5_000]);
    expect(shippedMessages()).toEqual(Array.from({ length: 25_000 }, (_, i) => `event ${i}`));
    expect(logs.stats()).toMatchObject({ shipped: 25_000, dropped: 0 });
  });

  it('never puts more than 1,048,576 bytes counting 26 bytes per event', async () => {
    const logs = shipper({ flushIntervalMs: 60_000 });
    // 40 events of 104,850 bytes: 10 fit in 1,048,576 only without the overhead, so 9 per call.
    const big = (i: number) => `${String(i).padStart(3, '0')}${'é'.repeat(52_423)}x`;
    for (let i = 0; i < 40; i++) logs.add(big(i), 5_000 + i);
    await logs.forceFlush();

    const sizes = server.puts.map((put) =>
      put.logEvents.reduce((sum, e) => sum + Buffer.byteLength(e.message) + 26, 0),
    );
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1_048_576);
    expect(server.puts.map((put) => put.logEvents.length)).toEqual([9, 9, 9, 9, 4]);
    expect(shippedMessages()).toEqual(Array.from({ length: 40 }, (_, i) => big(i)));
  });

  it('sorts events logged out of order and keeps same-millisecond events in their order', async () => {
    const logs = shipper({ flushIntervalMs: 60_000 });
    logs.add('c', 3_000);
    logs.add('a1', 1_000);
    logs.add('b', 2_000);
    logs.add('a2', 1_000);
    await logs.forceFlush();
    expect(server.puts).toHaveLength(1);
    expect(shippedMessages()).toEqual(['a1', 'a2', 'b', 'c']);
  });

  it('splits events more than 24 hours apart into separate calls', async () => {
    const logs = shipper({ flushIntervalMs: 60_000 });
    const hour = 3_600_000;
    const t = Date.UTC(2026, 0, 1);
    logs.add('day one', t);
    logs.add('day one, later', t + 23 * hour);
    logs.add('day two', t + 24 * hour);
    await logs.forceFlush();
    expect(server.puts.map((put) => put.logEvents.map((e) => e.message))).toEqual([
      ['day one', 'day one, later'],
      ['day two'],
    ]);
  });

  it('retries a throttled batch with back-off and delivers it exactly once', async () => {
    server.failNext('PutLogEvents', 2, 'ThrottlingException');
    const logs = shipper();
    logs.add('throttled twice');
    await logs.forceFlush();

    expect(server.operations.filter((op) => op === 'PutLogEvents')).toHaveLength(3);
    expect(shippedMessages()).toEqual(['throttled twice']);
    expect(logs.stats()).toMatchObject({ shipped: 1, dropped: 0, retries: 2 });
    expect(logs.stats().lastError).toContain('ThrottlingException');
  });

  it('retries ServiceUnavailableException (503) too', async () => {
    server.failNext('PutLogEvents', 1, 'ServiceUnavailableException');
    const logs = shipper();
    logs.add('after a 503');
    await logs.forceFlush();
    expect(shippedMessages()).toEqual(['after a 503']);
    expect(logs.stats()).toMatchObject({ retries: 1, dropped: 0 });
  });

  it('drops and counts a batch still throttled after the last retry, and goes on with the next', async () => {
    server.failNext('PutLogEvents', 3, 'ThrottlingException');
    const logs = shipper({ maxRetries: 2 });
    logs.add('given up');
    await logs.forceFlush();
    logs.add('next one');
    await logs.forceFlush();

    expect(shippedMessages()).toEqual(['next one']);
    expect(logs.stats()).toMatchObject({
      shipped: 1,
      retries: 2,
      droppedByReason: { export_failed: 1, queue_full: 0, rejected: 0, shutdown: 0 },
    });
  });

  it('does not retry a batch the service rejects as invalid', async () => {
    server.failNext('PutLogEvents', 1, 'InvalidParameterException');
    const logs = shipper();
    logs.add('invalid');
    await logs.forceFlush();
    expect(server.operations.filter((op) => op === 'PutLogEvents')).toHaveLength(1);
    expect(logs.stats()).toMatchObject({ retries: 0, droppedByReason: { export_failed: 1 } });
    expect(logs.stats().lastError).toContain('InvalidParameterException');
  });

  it('creates the stream again when it was deleted while running', async () => {
    const logs = shipper();
    logs.add('before');
    await logs.forceFlush();
    server.groups.delete('cruddur');
    logs.add('after');
    await logs.forceFlush();
    expect(shippedMessages()).toEqual(['before', 'after']);
    expect(server.operations.filter((op) => op === 'CreateLogGroup')).toHaveLength(2);
  });

  it('counts events the service rejected as too old or too new', async () => {
    server.groups.set('cruddur', new Set());
    server.rejectNext({ tooOldLogEventEndIndex: 0, tooNewLogEventStartIndex: 3 });
    const logs = shipper();
    for (const [i, message] of ['old', 'ok', 'ok', 'new'].entries()) logs.add(message, 1_000 + i);
    await logs.forceFlush();
    expect(logs.stats()).toMatchObject({ shipped: 2, droppedByReason: { rejected: 2 } });
  });

  it('cuts a message over the per-event limit at a character boundary', async () => {
    const logs = shipper({ limits: { maxMessageBytes: 10 } });
    logs.add('ééééééé'); // 14 bytes
    await logs.forceFlush();
    expect(shippedMessages()).toEqual(['ééééé']);
    expect(logs.stats().truncated).toBe(1);
  });

  it('bounds the queue by events and counts what it drops, without waiting on a dead backend', async () => {
    const blackHole = await startBlackHole();
    try {
      const logs = shipper({
        client: clientFor(blackHole.url),
        maxQueuedEvents: 1_000,
        flushIntervalMs: 1,
        sendTimeoutMs: 60_000,
      });
      const started = performance.now();
      for (let i = 0; i < 50_000; i++) logs.add(`line ${i}`);
      const elapsedMs = performance.now() - started;

      const stats = logs.stats();
      expect(stats.queued).toBeLessThanOrEqual(1_000);
      expect(stats.droppedByReason.queue_full).toBe(50_000 - stats.queued);
      // 50,000 calls in well under a second: adding never waits for the network.
      expect(elapsedMs).toBeLessThan(1_000);
    } finally {
      await blackHole.close();
    }
  });

  it('bounds the queue by bytes', async () => {
    const logs = shipper({ maxQueuedBytes: 1_000, flushIntervalMs: 60_000 });
    for (let i = 0; i < 20; i++) logs.add('x'.repeat(100));
    expect(logs.stats()).toMatchObject({ queued: 10, droppedByReason: { queue_full: 10 } });
  });

  it('flushes on shutdown and counts events added afterwards as dropped', async () => {
    const logs = shipper({ flushIntervalMs: 60_000 });
    logs.add('last words');
    await logs.shutdown();
    logs.add('too late');
    expect(shippedMessages()).toEqual(['last words']);
    expect(logs.stats()).toMatchObject({ shipped: 1, droppedByReason: { shutdown: 1 } });
  });

  it('gives up on a backend that never answers within the shutdown limit, counting the loss', async () => {
    const blackHole = await startBlackHole();
    try {
      const logs = shipper({ client: clientFor(blackHole.url), sendTimeoutMs: 300 });
      logs.add('lost');
      const started = Date.now();
      await logs.shutdown();
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(logs.stats()).toMatchObject({ shipped: 0, dropped: 1 });
    } finally {
      await blackHole.close();
    }
  });
});
