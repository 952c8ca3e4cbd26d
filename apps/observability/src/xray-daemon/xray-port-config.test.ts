import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

describe('the X-Ray daemon port in the configuration', () => {
  it('defaults to 2000, as the X-Ray daemon', () => {
    expect(loadConfig([], {}).xrayPort).toBe(2000);
  });

  it('is free (0) when the HTTP port is, so servers started side by side never collide', () => {
    expect(loadConfig(['--http-port', '0'], {}).xrayPort).toBe(0);
    expect(loadConfig([], { OBSERVABILITY_HTTP_PORT: '0' }).xrayPort).toBe(0);
  });

  it('takes the flag first, then OBSERVABILITY_XRAY_PORT', () => {
    expect(loadConfig(['--xray-port', '2100'], { OBSERVABILITY_XRAY_PORT: '2200' }).xrayPort).toBe(
      2100,
    );
    expect(loadConfig(['--http-port', '0'], { OBSERVABILITY_XRAY_PORT: '2200' }).xrayPort).toBe(
      2200,
    );
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig(['--xray-port', '70000'], {})).toThrow(ConfigError);
  });
});
