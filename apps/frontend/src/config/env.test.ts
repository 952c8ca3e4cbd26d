import { describe, expect, it } from 'vitest';
import { parseFrontendConfig } from './env.js';

const page = { protocol: 'http:', hostname: 'localhost' };

describe('parseFrontendConfig', () => {
  it('points everything at the local servers on the page host by default', () => {
    expect(parseFrontendConfig({}, page)).toEqual({
      backendUrl: 'http://localhost:4567',
      otlpTracesUrl: 'http://localhost:4318/v1/traces',
      otlpIngestKey: undefined,
      serviceName: 'cruddur-frontend',
      telemetryEnabled: true,
      rollbar: {
        accessToken: 'local-post-client-item',
        endpoint: 'http://localhost:4318/api/1/item/',
        environment: 'development',
      },
    });
  });

  it('keeps 127.0.0.1 when the page was loaded from it, so the session cookie stays same-site', () => {
    const config = parseFrontendConfig({}, { protocol: 'http:', hostname: '127.0.0.1' });
    expect(config.backendUrl).toBe('http://127.0.0.1:4567');
    expect(config.otlpTracesUrl).toBe('http://127.0.0.1:4318/v1/traces');
  });

  it('takes the SaaS settings from the build environment', () => {
    const config = parseFrontendConfig(
      {
        VITE_BACKEND_URL: 'https://api.cruddur.example/',
        VITE_OTEL_EXPORTER_OTLP_ENDPOINT: 'https://api.honeycomb.io',
        VITE_OTEL_INGEST_KEY: 'ingest-only',
        VITE_ROLLBAR_ACCESS_TOKEN: 'post-client-item-token',
        VITE_ROLLBAR_ENDPOINT: 'https://api.rollbar.com/api/1/item/',
        VITE_ROLLBAR_ENVIRONMENT: 'production',
        VITE_OTEL_SDK_DISABLED: 'false',
      },
      page,
    );
    expect(config).toMatchObject({
      backendUrl: 'https://api.cruddur.example',
      otlpTracesUrl: 'https://api.honeycomb.io/v1/traces',
      otlpIngestKey: 'ingest-only',
      telemetryEnabled: true,
      rollbar: {
        accessToken: 'post-client-item-token',
        endpoint: 'https://api.rollbar.com/api/1/item/',
        environment: 'production',
      },
    });
  });

  it('treats an empty setting as unset and VITE_OTEL_SDK_DISABLED=true as off', () => {
    const config = parseFrontendConfig(
      { VITE_BACKEND_URL: '', VITE_OTEL_SDK_DISABLED: 'true' },
      page,
    );
    expect(config.backendUrl).toBe('http://localhost:4567');
    expect(config.telemetryEnabled).toBe(false);
  });

  it('names the bad setting', () => {
    expect(() => parseFrontendConfig({ VITE_BACKEND_URL: 'not a url' }, page)).toThrow(
      /VITE_BACKEND_URL/,
    );
    expect(() => parseFrontendConfig({ VITE_OTEL_SDK_DISABLED: 'yes' }, page)).toThrow(
      /VITE_OTEL_SDK_DISABLED/,
    );
  });
});
