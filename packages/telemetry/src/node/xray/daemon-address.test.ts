import { describe, expect, it } from 'vitest';
import { parseDaemonAddress } from './daemon-address.js';

describe('parseDaemonAddress (AWS_XRAY_DAEMON_ADDRESS)', () => {
  it('host:port is the address for both UDP and TCP', () => {
    expect(parseDaemonAddress('xray-daemon:2000')).toEqual({
      udp: { host: 'xray-daemon', port: 2000 },
      tcp: { host: 'xray-daemon', port: 2000 },
    });
  });

  it('udp:… tcp:… in either order, surrounding spaces ignored', () => {
    const expected = {
      udp: { host: '127.0.0.1', port: 2001 },
      tcp: { host: '10.0.0.5', port: 2002 },
    };
    expect(parseDaemonAddress('udp:127.0.0.1:2001 tcp:10.0.0.5:2002')).toEqual(expected);
    expect(parseDaemonAddress('  tcp:10.0.0.5:2002   udp:127.0.0.1:2001 ')).toEqual(expected);
  });

  it('bracketed IPv6 literals', () => {
    expect(parseDaemonAddress('[::1]:2000')).toEqual({
      udp: { host: '::1', port: 2000 },
      tcp: { host: '::1', port: 2000 },
    });
  });

  it.each([
    ['2000', /not host:port/],
    ['localhost', /not host:port/],
    ['udp:127.0.0.1:2000', /give both/],
    ['udp:127.0.0.1:2000 udp:127.0.0.1:2001', /twice/],
    ['127.0.0.1:2000 127.0.0.1:2001', /prefix/],
    ['a:1 b:2 c:3', /must be/],
    ['127.0.0.1:0', /between 1 and 65535/],
    ['127.0.0.1:70000', /between 1 and 65535/],
    ['[not-v6]:2000', /IPv6/],
  ])('rejects %j', (value, message) => {
    const parsed = parseDaemonAddress(value);
    expect('error' in parsed && parsed.error).toMatch(message);
  });
});
