import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

/** A UDP socket on a free loopback port that keeps every datagram it receives. */
export async function startUdpCapture(): Promise<{
  port: number;
  datagrams: Buffer[];
  /** Resolves once at least `count` datagrams arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<Buffer[]>;
  close(): Promise<void>;
}> {
  const socket = createSocket('udp4');
  const datagrams: Buffer[] = [];
  socket.on('message', (message) => datagrams.push(message));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address() as AddressInfo;
  return {
    port,
    datagrams,
    async waitFor(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (datagrams.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`got ${datagrams.length} of ${count} datagrams in ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return datagrams;
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
