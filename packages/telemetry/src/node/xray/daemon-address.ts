import { isIP } from 'node:net';

/** Where the X-Ray daemon listens: segment documents go to `udp`, sampling calls to `tcp`. */
export interface DaemonAddress {
  udp: HostPort;
  tcp: HostPort;
}

export interface HostPort {
  host: string;
  port: number;
}

export const defaultDaemonAddress: DaemonAddress = {
  udp: { host: '127.0.0.1', port: 2000 },
  tcp: { host: '127.0.0.1', port: 2000 },
};

/**
 * Parses `AWS_XRAY_DAEMON_ADDRESS` the way the X-Ray SDKs do: `host:port` for both protocols, or
 * `udp:host:port tcp:host:port` (either order). A lone `udp:`/`tcp:` token is rejected, as the SDKs
 * reject it, so one setting means the same to every process sharing it.
 * Returns an error message instead of throwing; the caller reports it with the other variables.
 *
 * @example
 * parseDaemonAddress('xray:2000'); // { udp: { host: 'xray', port: 2000 }, tcp: { host: 'xray', port: 2000 } }
 * parseDaemonAddress('tcp:127.0.0.1:2000 udp:127.0.0.1:2001').udp.port; // 2001
 */
export function parseDaemonAddress(value: string): DaemonAddress | { error: string } {
  const tokens = value.trim().split(/\s+/);
  if (tokens.length === 1) {
    const token = tokens[0]!;
    if (/^(udp|tcp):/i.test(token)) {
      return { error: 'with a udp: or tcp: prefix, give both: "udp:host:port tcp:host:port"' };
    }
    const hostPort = parseHostPort(token);
    return 'error' in hostPort ? hostPort : { udp: hostPort, tcp: hostPort };
  }
  if (tokens.length !== 2) {
    return { error: 'must be "host:port" or "udp:host:port tcp:host:port"' };
  }
  const found: Partial<DaemonAddress> = {};
  for (const token of tokens) {
    const match = /^(udp|tcp):(.*)$/i.exec(token);
    if (match === null) return { error: `"${token}" needs a udp: or tcp: prefix` };
    const protocol = match[1]!.toLowerCase() as keyof DaemonAddress;
    if (found[protocol] !== undefined) return { error: `${protocol}: is given twice` };
    const hostPort = parseHostPort(match[2]!);
    if ('error' in hostPort) return hostPort;
    found[protocol] = hostPort;
  }
  if (found.udp === undefined || found.tcp === undefined) {
    return { error: 'give one udp: and one tcp: address' };
  }
  return { udp: found.udp, tcp: found.tcp };
}

/** `host:port`, `[v6]:port`; the port must be 1–65535. */
function parseHostPort(text: string): HostPort | { error: string } {
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  const plain = /^([^:[\]\s]+):(\d+)$/.exec(text);
  const match = bracketed ?? plain;
  if (match === null) return { error: `"${text}" is not host:port` };
  const host = match[1]!;
  const port = Number(match[2]);
  if (bracketed !== null && isIP(host) !== 6) return { error: `"${host}" is not an IPv6 address` };
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    return { error: `port ${match[2]} is not between 1 and 65535` };
  }
  return { host, port };
}
