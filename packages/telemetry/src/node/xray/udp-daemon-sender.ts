import { createSocket, type Socket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { HostPort } from './daemon-address.js';

/** One datagram: its parts are sent together, e.g. the daemon header and the document. */
export type Datagram = readonly (Buffer | string)[];

/** How one batch of datagrams fared. */
export interface SendResult {
  sent: number;
  failed: number;
  /** The first failure, e.g. EMSGSIZE, ECONNREFUSED (nothing listening) or a DNS error. */
  error: Error | undefined;
}

/**
 * Sends datagrams to the X-Ray daemon's UDP port from one long-lived socket that never keeps the
 * process alive. The socket is connected once (name resolved then), so a send is one syscall with
 * no per-datagram lookup, and a daemon that is not listening shows up as ECONNREFUSED instead of
 * silence. UDP is fire-and-forget: "sent" means handed to the kernel.
 *
 * @example
 * const sender = new UdpDaemonSender({ host: '127.0.0.1', port: 2000 });
 * await sender.send([['{"format":"json","version":1}\n', '{…}']]);
 * sender.close();
 */
export class UdpDaemonSender {
  private socket: Promise<Socket> | undefined;
  private closed = false;
  /** A refusal the socket reported between sends (see `connect`), charged to the next batch. */
  private lateError: Error | undefined;

  constructor(private readonly target: HostPort) {}

  async send(datagrams: readonly Datagram[]): Promise<SendResult> {
    if (datagrams.length === 0) return { sent: 0, failed: 0, error: undefined };
    if (this.closed) {
      return { sent: 0, failed: datagrams.length, error: new Error('X-Ray sender is closed') };
    }
    let socket: Socket;
    try {
      this.socket ??= this.connect();
      socket = await this.socket;
    } catch (error) {
      // Try again with the next batch: the daemon's name may resolve later.
      this.socket = undefined;
      return { sent: 0, failed: datagrams.length, error: error as Error };
    }
    // One promise per batch, not per datagram: every span passes through here.
    return new Promise<SendResult>((resolve) => {
      let pending = datagrams.length;
      let sent = 0;
      let failed = 0;
      let firstError: Error | undefined;
      const settle = (error?: Error | null): void => {
        if (error) {
          failed += 1;
          firstError ??= error;
        } else sent += 1;
        pending -= 1;
        if (pending > 0) return;
        const late = this.lateError;
        this.lateError = undefined;
        // Nothing listened a moment ago: these datagrams most likely went nowhere too.
        if (late !== undefined && failed === 0) resolve({ sent: 0, failed: sent, error: late });
        else resolve({ sent, failed, error: firstError });
      };
      for (const datagram of datagrams) {
        try {
          socket.send(datagram as (Buffer | string)[], settle);
        } catch (error) {
          settle(error as Error);
        }
      }
    });
  }

  close(): void {
    this.closed = true;
    void this.socket?.then((socket) => socket.close()).catch(() => undefined);
    this.socket = undefined;
  }

  private async connect(): Promise<Socket> {
    const family = isIP(this.target.host) === 6 ? 6 : 4;
    const address =
      isIP(this.target.host) === 0
        ? (await lookup(this.target.host, { family })).address
        : this.target.host;
    const socket = createSocket(family === 6 ? 'udp6' : 'udp4');
    // A refusal (ICMP port unreachable) surfaces on the next send when it comes within the same
    // turn, else as an 'error' event once the socket polls; unhandled, that event would crash the app.
    socket.on('error', (error) => {
      this.lateError = error;
    });
    socket.unref();
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.connect(this.target.port, address, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    if (this.closed) socket.close();
    this.lateError = undefined;
    return socket;
  }
}
