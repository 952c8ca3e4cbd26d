import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { isIPv6 } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { parseDaemonDatagram } from '../receivers/xray/parse-daemon-datagram.js';

export interface UdpReceiverOptions {
  readonly host: string;
  readonly port: number;
  readonly receiveBufferBytes: number;
}

/** What the worker tells the daemon. */
export type UdpReceiverMessage =
  | { readonly type: 'listening'; readonly port: number }
  | { readonly type: 'failed'; readonly code: string | undefined; readonly message: string }
  | { readonly type: 'batch'; readonly documents: string[]; readonly malformed: number };

/** Documents are handed over this often, or sooner when this many are waiting. */
const HANDOVER_MS = 10;
const HANDOVER_DOCUMENTS = 1_000;

/**
 * Reads the daemon's UDP socket on its own thread, so a pause of the main thread (a garbage
 * collection, a commit) never leaves datagrams to overflow the kernel's receive buffer. Each
 * datagram is validated here; valid documents go to the main thread as JSON text.
 */
function run(options: UdpReceiverOptions): void {
  const port = parentPort;
  if (port === null) throw new Error('udp-receiver-worker runs as a worker thread');
  let documents: string[] = [];
  let malformed = 0;
  const handOver = (): void => {
    if (documents.length === 0 && malformed === 0) return;
    const message: UdpReceiverMessage = { type: 'batch', documents, malformed };
    port.postMessage(message);
    documents = [];
    malformed = 0;
  };
  const timer = setInterval(handOver, HANDOVER_MS);
  const socket = createSocket({
    type: isIPv6(options.host) ? 'udp6' : 'udp4',
    recvBufferSize: options.receiveBufferBytes,
  });
  socket.on('message', (datagram) => {
    if (parseDaemonDatagram(datagram).ok) {
      // The validated body as sent: cheaper to pass on than to serialize the parsed object again.
      documents.push(datagram.toString('utf8', datagram.indexOf(0x0a) + 1));
      if (documents.length >= HANDOVER_DOCUMENTS) handOver();
    } else {
      malformed++;
    }
  });
  socket.once('error', (error: NodeJS.ErrnoException) => {
    const message: UdpReceiverMessage = {
      type: 'failed',
      code: error.code,
      message: error.message,
    };
    port.postMessage(message);
  });
  socket.bind(options.port, options.host, () => {
    // Runtime errors are logged; the daemon keeps listening, as the real one does.
    socket.on('error', (error) => console.warn(`x-ray daemon udp: ${error.message}`));
    const message: UdpReceiverMessage = {
      type: 'listening',
      port: (socket.address() as AddressInfo).port,
    };
    port.postMessage(message);
  });
  port.on('message', (message: unknown) => {
    if (message !== 'stop') return;
    socket.close(() => {
      handOver();
      clearInterval(timer);
      port.close();
    });
  });
}

run(workerData as UdpReceiverOptions);
