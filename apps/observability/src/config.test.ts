import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to loopback, port 4318 and the data folder', () => {
    expect(loadConfig([], {})).toMatchObject({
      host: '127.0.0.1',
      httpPort: 4318,
      data: `${process.cwd()}/data/observability.duckdb`,
      maxBodyBytes: 20 * 1024 * 1024,
      ingestKeys: [],
      queryKeys: [],
    });
  });

  it('reads OBSERVABILITY_* variables, and flags win over them', () => {
    const env = {
      OBSERVABILITY_HTTP_PORT: '5000',
      OBSERVABILITY_DATA: ':memory:',
      OBSERVABILITY_QUERY_KEYS: 'a, b',
    };
    expect(loadConfig([], env)).toMatchObject({
      httpPort: 5000,
      data: ':memory:',
      queryKeys: ['a', 'b'],
    });
    expect(loadConfig(['--http-port', '6000'], env).httpPort).toBe(6000);
  });

  it('resolves a relative data path against the folder npm was started in', () => {
    expect(loadConfig(['--data', 'x/o.duckdb'], { INIT_CWD: '/srv/cruddur' }).data).toBe(
      '/srv/cruddur/x/o.duckdb',
    );
    expect(loadConfig(['--data', '/abs/o.duckdb'], { INIT_CWD: '/srv' }).data).toBe(
      '/abs/o.duckdb',
    );
  });

  it('refuses to listen beyond loopback without query keys', () => {
    expect(() => loadConfig(['--host', '0.0.0.0'], {})).toThrow(ConfigError);
    expect(loadConfig(['--host', '0.0.0.0', '--query-keys', 'secret'], {}).host).toBe('0.0.0.0');
  });

  it('names the setting that is wrong', () => {
    expect(() => loadConfig(['--http-port', 'seventy'], {})).toThrow(/httpPort/);
    expect(() => loadConfig(['--bogus'], {})).toThrow();
  });
});
