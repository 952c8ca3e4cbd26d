import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import type { RunningObservability } from '../support/observability-server.js';

export interface XrayDaemon {
  /** For AWS_XRAY_DAEMON_ADDRESS. */
  readonly address: string;
  readonly how: string;
  close(): Promise<void>;
}

/**
 * The X-Ray daemon the API sends segments to: the observability server's own UDP port when its
 * start-up banner names one, otherwise a UDP socket here that receives and discards (the API's
 * cost of sending is the same either way).
 */
export async function xrayDaemonOf(server: RunningObservability): Promise<XrayDaemon> {
  const announced = /X-Ray daemon\s+udp:(127\.0\.0\.1:\d+)/.exec(server.child.stdout);
  if (announced !== null) {
    return { address: announced[1]!, how: 'the server', close: () => Promise.resolve() };
  }
  const socket = createSocket('udp4');
  socket.on('message', () => undefined);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    how: 'a discarding UDP socket in the bench',
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
