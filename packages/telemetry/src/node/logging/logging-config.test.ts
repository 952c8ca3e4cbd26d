import { describe, expect, it } from 'vitest';
import { parseTelemetryConfig } from '../telemetry-config.js';
import { TelemetryConfigError } from '../telemetry-config-error.js';

const logging = (env: NodeJS.ProcessEnv) => parseTelemetryConfig(env).logging;

describe('logging configuration from the environment', () => {
  it('by default logs at info and ships OTLP and CloudWatch Logs to the local server', () => {
    const config = logging({});
    expect(config.level).toBe('info');
    expect(config.exporters).toEqual(['otlp', 'cloudwatch']);
    expect(config.otlp.url).toBe('http://127.0.0.1:4318/v1/logs');
    expect(config.cloudwatch).toMatchObject({
      logGroupName: 'cruddur',
      endpoint: 'http://127.0.0.1:4318',
      region: 'us-east-1',
      chosenBy: 'local-default',
    });
    expect(config.cloudwatch.credentials).toBeDefined();
    expect(config.batch).toEqual({
      scheduledDelayMs: 1_000,
      exportTimeoutMs: 30_000,
      maxQueueSize: 2_048,
      maxExportBatchSize: 512,
    });
  });

  it('OTEL_SDK_DISABLED leaves stdout only', () => {
    expect(logging({ OTEL_SDK_DISABLED: 'true' }).exporters).toEqual([]);
  });

  it('OTEL_LOGS_EXPORTER chooses the exporters, none turns both off', () => {
    expect(logging({ OTEL_LOGS_EXPORTER: 'cloudwatch' }).exporters).toEqual(['cloudwatch']);
    expect(logging({ OTEL_LOGS_EXPORTER: 'otlp,none' }).exporters).toEqual([]);
    expect(() => logging({ OTEL_LOGS_EXPORTER: 'kafka' })).toThrow(TelemetryConfigError);
  });

  it('sends OTLP logs wherever traces go', () => {
    expect(logging({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/base' }).otlp.url).toBe(
      'http://collector:4318/base/v1/logs',
    );
    expect(
      logging({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }).otlp.url,
    ).toBe('http://collector:4318/v1/logs');
    expect(logging({ HONEYCOMB_API_KEY: 'hc-key' }).otlp).toMatchObject({
      url: 'https://api.honeycomb.io/v1/logs',
      headers: { 'x-honeycomb-team': 'hc-key' },
    });
    expect(
      logging({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://logs:9000/ingest',
      }).otlp.url,
    ).toBe('http://logs:9000/ingest');
  });

  it('an endpoint override wins for CloudWatch, with placeholder keys when none are configured', () => {
    expect(
      logging({ AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://localhost:4566' }).cloudwatch,
    ).toMatchObject({
      endpoint: 'http://localhost:4566',
      chosenBy: 'cloudwatch-logs-endpoint',
      credentials: { accessKeyId: expect.any(String) },
    });
    expect(logging({ AWS_ENDPOINT_URL: 'http://localhost:4566' }).cloudwatch.chosenBy).toBe(
      'aws-endpoint',
    );
  });

  it('AWS credentials without an endpoint mean AWS itself, in the configured region', () => {
    expect(
      logging({ AWS_ACCESS_KEY_ID: 'AKIA', AWS_DEFAULT_REGION: 'eu-west-1' }).cloudwatch,
    ).toEqual({
      logGroupName: 'cruddur',
      region: 'eu-west-1',
      endpoint: undefined,
      credentials: undefined,
      chosenBy: 'aws-credentials',
    });
    expect(logging({ AWS_PROFILE: 'dev', AWS_REGION: 'ca-central-1' }).cloudwatch.region).toBe(
      'ca-central-1',
    );
  });

  it('validates the log group name, level and format', () => {
    expect(logging({ CLOUDWATCH_LOG_GROUP: '/cruddur/api' }).cloudwatch.logGroupName).toBe(
      '/cruddur/api',
    );
    expect(() => logging({ CLOUDWATCH_LOG_GROUP: 'has space' })).toThrow(/CLOUDWATCH_LOG_GROUP/);
    expect(logging({ LOG_LEVEL: 'DEBUG', LOG_FORMAT: 'Pretty' })).toMatchObject({
      level: 'debug',
      format: 'pretty',
    });
    expect(() => logging({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });

  it('rejects an export timeout of 0, which would abort every export as it starts', () => {
    expect(() => logging({ OTEL_BLRP_EXPORT_TIMEOUT: '0' })).toThrow(/OTEL_BLRP_EXPORT_TIMEOUT/);
    expect(logging({ OTEL_BLRP_EXPORT_TIMEOUT: '5000' }).batch.exportTimeoutMs).toBe(5000);
    expect(logging({ OTEL_BLRP_SCHEDULE_DELAY: '0' }).batch.scheduledDelayMs).toBe(0);
  });
});
