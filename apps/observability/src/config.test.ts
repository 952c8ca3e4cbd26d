import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, usage } from './config.js';
import { SETTINGS } from './config-settings.js';

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
    expect(() => loadConfig(['--http-port', 'seventy'], {})).toThrow(/--http-port/);
    expect(() => loadConfig(['--bogus'], {})).toThrow(ConfigError);
  });

  it("names a flag it does not know, or one missing its value, without the parser's advice", () => {
    expect(() => loadConfig(['--port', '1'], {})).toThrow(
      new ConfigError('unknown option --port (see --help)'),
    );
    expect(() => loadConfig(['--data'], {})).toThrow(
      new ConfigError('option --data needs a value (see --help)'),
    );
    expect(() => loadConfig(['serve'], {})).toThrow(
      new ConfigError('unexpected argument serve (see --help)'),
    );
  });

  it('names the flag and the variable of a value it refuses, wherever the value came from', () => {
    expect(() => loadConfig([], { OBSERVABILITY_MEMORY_LIMIT: 'lots' })).toThrow(
      /^invalid --memory-limit \(OBSERVABILITY_MEMORY_LIMIT\): /,
    );
  });

  it('reads every setting from its flag and from its variable', () => {
    for (const setting of SETTINGS) {
      const value = setting.key === 'host' ? '127.0.0.2' : valueFor(setting.key);
      const fromFlag = loadConfig([`--${setting.flag}`, value], {});
      const fromEnv = loadConfig([], { [setting.env]: value });
      expect(fromEnv[setting.key], setting.env).toEqual(fromFlag[setting.key]);
      expect(fromFlag[setting.key], setting.flag).not.toEqual(loadConfig([], {})[setting.key]);
    }
  });

  it('--help shows the defaults the parser applies', () => {
    const text = usage();
    expect(text).toContain('env OBSERVABILITY_HTTP_PORT; default 4318');
    expect(text).toContain('env OBSERVABILITY_DATA; default data/observability.duckdb');
    expect(text).toContain('env OBSERVABILITY_QUERY_KEYS\n');
  });
});

function valueFor(key: string): string {
  const values: Record<string, string> = {
    httpPort: '5001',
    xrayPort: '5002',
    data: ':memory:',
    maxBodyBytes: '1024',
    maxPendingRows: '10',
    memoryLimit: '256MB',
    ingestKeys: 'sender',
    queryKeys: 'reader',
    rollbarTokens: 'tok:post_server_item',
    corsOrigins: 'http://localhost:3000',
  };
  const value = values[key];
  if (value === undefined) throw new Error(`no sample value for ${key}`);
  return value;
}
