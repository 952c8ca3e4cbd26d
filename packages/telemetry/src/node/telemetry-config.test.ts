import { describe, expect, it } from 'vitest';
import { parseTelemetryConfig } from './telemetry-config.js';
import { TelemetryConfigError } from './telemetry-config-error.js';

describe('parseTelemetryConfig', () => {
  it('sends to the local server with spec defaults when nothing is set', () => {
    const config = parseTelemetryConfig({});
    expect(config.disabled).toBe(false);
    expect(config.otlp).toMatchObject({
      url: 'http://127.0.0.1:4318/v1/traces',
      headers: {},
      timeoutMs: 10_000,
      chosenBy: 'local-default',
    });
    expect(config.batch).toEqual({
      maxQueueSize: 2048,
      maxExportBatchSize: 128,
      scheduledDelayMs: 5000,
      exportTimeoutMs: 30_000,
    });
    expect(config.resourceAttributes).toMatchObject({
      'service.name': 'cruddur-backend',
      'deployment.environment': 'development',
    });
    expect(config.propagators).toEqual(['tracecontext', 'baggage', 'xray']);
  });

  it('sends to Honeycomb with x-honeycomb-team when only HONEYCOMB_API_KEY is set', () => {
    const { otlp } = parseTelemetryConfig({ HONEYCOMB_API_KEY: 'hc-key' });
    expect(otlp.url).toBe('https://api.honeycomb.io/v1/traces');
    expect(otlp.headers).toEqual({ 'x-honeycomb-team': 'hc-key' });
  });

  it('never sends the Honeycomb key to an explicitly configured OTLP endpoint', () => {
    const { otlp } = parseTelemetryConfig({
      HONEYCOMB_API_KEY: 'hc-key',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
    });
    expect(otlp).toMatchObject({ url: 'http://collector:4318/v1/traces', headers: {} });
  });

  it('appends v1/traces to the generic endpoint but uses the traces endpoint as-is', () => {
    expect(
      parseTelemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318/mycollector/' }).otlp.url,
    ).toBe('http://c:4318/mycollector/v1/traces');
    expect(
      parseTelemetryConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://generic:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318',
      }).otlp.url,
    ).toBe('http://c:4318/');
  });

  it('lets per-signal headers and timeouts override the generic ones', () => {
    const { otlp } = parseTelemetryConfig({
      OTEL_EXPORTER_OTLP_HEADERS: 'a=1,b=2',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'b=3,x-note=hello%2C%20world',
      OTEL_EXPORTER_OTLP_TIMEOUT: '2000',
      OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '700',
    });
    expect(otlp.headers).toEqual({ a: '1', b: '3', 'x-note': 'hello, world' });
    expect(otlp.timeoutMs).toBe(700);
  });

  it('ranks OTEL_SERVICE_NAME over the code, the code over OTEL_RESOURCE_ATTRIBUTES', () => {
    const env = { OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attrs,team=core' };
    expect(parseTelemetryConfig(env).resourceAttributes['service.name']).toBe('from-attrs');
    expect(
      parseTelemetryConfig(env, { serviceName: 'from-code' }).resourceAttributes['service.name'],
    ).toBe('from-code');
    expect(
      parseTelemetryConfig({ ...env, OTEL_SERVICE_NAME: 'from-env' }, { serviceName: 'from-code' })
        .resourceAttributes,
    ).toMatchObject({ 'service.name': 'from-env', team: 'core' });
  });

  it('takes version and environment from the options, then npm and NODE_ENV', () => {
    const fromEnv = parseTelemetryConfig({ npm_package_version: '1.2.3', NODE_ENV: 'production' });
    expect(fromEnv.resourceAttributes).toMatchObject({
      'service.version': '1.2.3',
      'deployment.environment': 'production',
    });
    const fromCode = parseTelemetryConfig(
      { npm_package_version: '1.2.3', NODE_ENV: 'production' },
      { serviceVersion: '9.9.9', environment: 'staging' },
    );
    expect(fromCode.resourceAttributes).toMatchObject({
      'service.version': '9.9.9',
      'deployment.environment': 'staging',
    });
  });

  it('treats only a case-insensitive "true" as OTEL_SDK_DISABLED, and empty as unset', () => {
    expect(parseTelemetryConfig({ OTEL_SDK_DISABLED: 'TRUE' }).disabled).toBe(true);
    expect(parseTelemetryConfig({ OTEL_SDK_DISABLED: '1' }).disabled).toBe(false);
    expect(parseTelemetryConfig({ OTEL_BSP_MAX_QUEUE_SIZE: '' }).batch.maxQueueSize).toBe(2048);
  });

  it('fails fast naming every invalid variable', () => {
    let error: unknown;
    try {
      parseTelemetryConfig({
        OTEL_BSP_MAX_QUEUE_SIZE: 'lots',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url',
        OTEL_TRACES_SAMPLER: 'sometimes',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_RESOURCE_ATTRIBUTES: 'novalue',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TelemetryConfigError);
    const message = (error as Error).message;
    for (const name of [
      'OTEL_BSP_MAX_QUEUE_SIZE="lots"',
      'OTEL_EXPORTER_OTLP_ENDPOINT="not a url"',
      'OTEL_TRACES_SAMPLER="sometimes"',
      'OTEL_EXPORTER_OTLP_PROTOCOL="grpc"',
      'OTEL_RESOURCE_ATTRIBUTES="novalue"',
    ]) {
      expect(message).toContain(name);
    }
  });

  it('rejects a batch size larger than the queue', () => {
    expect(() =>
      parseTelemetryConfig({ OTEL_BSP_MAX_QUEUE_SIZE: '10', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '20' }),
    ).toThrow(/OTEL_BSP_MAX_EXPORT_BATCH_SIZE \(20\) must not exceed OTEL_BSP_MAX_QUEUE_SIZE/);
  });
});
