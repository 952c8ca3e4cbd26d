import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../src/config-settings.js';
import { runCli } from './support/server-process.js';

describe('the cruddur-observability command', () => {
  it('--help prints every flag with its variable and exits 0 without starting anything', async () => {
    const { code, stdout, stderr } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: cruddur-observability/);
    for (const setting of SETTINGS) {
      expect(stdout).toContain(`--${setting.flag} VALUE`);
      expect(stdout).toContain(`env ${setting.env}`);
    }
    expect(stdout).not.toContain('listening');
  });

  it('a mistyped flag is one line naming it, exit code 2, no stack trace', async () => {
    const { code, stdout, stderr } = await runCli(['--port', '4318']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('cruddur-observability: unknown option --port (see --help)\n');
  });

  it('an invalid value names the flag and its variable', async () => {
    const { code, stderr } = await runCli(['--http-port', 'http']);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^cruddur-observability: invalid --http-port \(OBSERVABILITY_HTTP_PORT\): .+\n$/,
    );
  });
});
