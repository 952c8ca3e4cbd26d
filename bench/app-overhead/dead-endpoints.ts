import net from 'node:net';
import { registerCleanup } from '../support/cleanup.js';

export interface BlackHole {
  readonly url: string;
  /** Connections accepted so far (the exporter's attempts). */
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * A TCP server in this process that accepts connections, reads and discards what arrives and never
 * answers: an OTLP endpoint that hangs, so every export waits for its timeout.
 */
export async function startBlackHole(): Promise<BlackHole> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.resume();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((resolve) => {
      unregister();
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
    return closed;
  };
  const unregister = registerCleanup({
    name: 'black-hole endpoint',
    stop: close,
    kill: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  });
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    close,
  };
}

/** A loopback port nothing listens on (bound, then released): connects fail at once. */
export async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
