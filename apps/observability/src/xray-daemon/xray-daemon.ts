import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { XrayDocument } from '../receivers/xray/xray-segment-schema.js';
import type { XrayServices } from '../xray/xray-services.js';
import { samplingProxyServer } from './sampling-proxy.js';
import type { UdpReceiverMessage, UdpReceiverOptions } from './udp-receiver-worker.js';

export interface RunningXrayDaemon {
  /** Where SDKs send segments; differs from `tcpPort` when both were asked for port 0. */
  readonly udpPort: number;
  readonly tcpPort: number;
  /** Stops both sockets; the pipeline (owned by the server) is closed separately. */
  stop(): Promise<void>;
}

/** Room for bursts while a thread is busy; the kernel may grant less (`net.core.rmem_max`). */
const RECEIVE_BUFFER_BYTES = 8 * 1024 * 1024;

/**
 * The X-Ray daemon, locally: UDP for segment documents (fire and forget, so nothing is ever
 * answered and a bad datagram is only counted), read on a worker thread; TCP for the SDKs'
 * sampling calls.
 */
export async function startXrayDaemon(
  services: XrayServices,
  options: { readonly host: string; readonly port: number; readonly now: () => number },
): Promise<RunningXrayDaemon> {
  const receiver = await startUdpReceiver(services, {
    host: options.host,
    port: options.port,
    receiveBufferBytes: RECEIVE_BUFFER_BYTES,
  });
  const tcp = samplingProxyServer(services, options.now);
  // Port 0 asks for any free port for each; otherwise both protocols share the number, as the daemon's.
  try {
    await listen(tcp, options.host, options.port === 0 ? 0 : receiver.port);
  } catch (error) {
    await receiver.stop();
    throw error;
  }
  return {
    udpPort: receiver.port,
    tcpPort: (tcp.address() as AddressInfo).port,
    async stop() {
      await receiver.stop();
      await new Promise<void>((resolve) => {
        tcp.close(() => resolve());
        tcp.closeIdleConnections();
      });
    },
  };
}

async function startUdpReceiver(
  services: XrayServices,
  options: UdpReceiverOptions,
): Promise<{ port: number; stop(): Promise<void> }> {
  const worker = new Worker(...workerEntry(options));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: UdpReceiverMessage) => {
      if (message.type === 'listening') resolve(message.port);
      else if (message.type === 'failed') reject(portError('UDP', options.port, message));
      else {
        for (const text of message.documents)
          services.pipeline.offer(JSON.parse(text) as XrayDocument);
        if (message.malformed > 0) services.pipeline.countMalformed(message.malformed);
      }
    });
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  worker.on('error', (error) => console.warn(`x-ray daemon udp receiver: ${error.message}`));
  return {
    port,
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
}

/**
 * The compiled worker next to this module; when running from sources (tests, `tsx`), the
 * TypeScript file, loaded through tsx's loader registered inside the worker (loader hooks are
 * per thread).
 */
function workerEntry(options: UdpReceiverOptions): ConstructorParameters<typeof Worker> {
  const compiled = new URL('./udp-receiver-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return [compiled, { workerData: options }];
  const source = new URL('./udp-receiver-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return [bootstrap, { eval: true, workerData: options }];
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(portError('TCP', port, { code: error.code, message: error.message })),
    );
    server.listen(port, host, () => resolve());
  });
}

function portError(
  protocol: string,
  port: number,
  error: { code?: string | undefined; message: string },
): Error {
  return new Error(
    error.code === 'EADDRINUSE'
      ? `X-Ray daemon port ${port}/${protocol} is in use (another X-Ray daemon?); set OBSERVABILITY_XRAY_PORT`
      : `X-Ray daemon cannot listen on ${port}/${protocol}: ${error.message}`,
  );
}
