import { trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTelemetry } from '../src/node/start-telemetry.js';
import { startCaptureServer } from './support/capture-server.js';
import {
  type CloudWatchLogsServer,
  startCloudWatchLogsServer,
} from './support/cloudwatch-logs-server.js';

let cloudWatch: CloudWatchLogsServer;
let otlp: Awaited<ReturnType<typeof startCaptureServer>>;

beforeEach(async () => {
  [cloudWatch, otlp] = await Promise.all([startCloudWatchLogsServer(), startCaptureServer()]);
});

afterEach(async () => {
  await Promise.all([cloudWatch.close(), otlp.close()]);
});

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: cloudWatch.url,
    CLOUDWATCH_LOG_GROUP: 'cruddur-test',
    OTEL_SERVICE_NAME: 'logs-export-test',
    // Traces are not what this file is about: keep their exporter away from the capture server.
    OTEL_TRACES_EXPORTER: 'none',
    LOG_FORMAT: 'json',
    ...extra,
  };
}

describe("startTelemetry's logger", () => {
  it('ships each record to CloudWatch Logs as its JSON line and to OTLP /v1/logs', async () => {
    const telemetry = startTelemetry({ env: env(), instrumentations: [] });
    trace.getTracer('test').startActiveSpan('work', (span) => {
      telemetry.logger.info({ status: 503 }, 'inside a span');
      span.end();
    });
    await telemetry.shutdown();

    const events = cloudWatch.puts.flatMap((put) => put.logEvents);
    expect(events).toHaveLength(1);
    const record = JSON.parse(events[0]?.message ?? '{}') as Record<string, unknown>;
    expect(record).toMatchObject({
      msg: 'inside a span',
      status: 503,
      service: 'logs-export-test',
      trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect([...cloudWatch.groups.keys()]).toEqual(['cruddur-test']);
    expect(cloudWatch.puts[0]?.logStreamName).toMatch(/\/logs-export-test\//);
    expect(otlp.requests.filter((request) => request.path === '/v1/logs')).toHaveLength(1);
    expect(telemetry.logStats()).toMatchObject({ shipped: 1, dropped: 0 });
  });

  it('OTEL_SDK_DISABLED=true keeps logging to stdout but exports nothing', async () => {
    const telemetry = startTelemetry({
      env: env({ OTEL_SDK_DISABLED: 'true' }),
      instrumentations: [],
    });
    telemetry.logger.info('only on stdout');
    await telemetry.shutdown();
    expect(cloudWatch.operations).toEqual([]);
    expect(otlp.requests).toEqual([]);
    expect(telemetry.logStats()).toBeUndefined();
  });

  it('OTEL_LOGS_EXPORTER=cloudwatch leaves OTLP logs out', async () => {
    const telemetry = startTelemetry({
      env: env({ OTEL_LOGS_EXPORTER: 'cloudwatch' }),
      instrumentations: [],
    });
    telemetry.logger.warn('to CloudWatch only');
    await telemetry.shutdown();
    expect(cloudWatch.puts).toHaveLength(1);
    expect(otlp.requests).toEqual([]);
  });
});
