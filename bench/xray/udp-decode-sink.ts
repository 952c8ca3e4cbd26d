import { createSocket } from 'node:dgram';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseDaemonDatagram } from '../../apps/observability/src/receivers/xray/parse-daemon-datagram.js';

/**
 * The ceiling for the daemon: the same socket and receive buffer, every datagram parsed and
 * validated as the server does, nothing stored. `GET /count` reports what it decoded.
 */
let decoded = 0;
let malformed = 0;
const socket = createSocket({ type: 'udp4', recvBufferSize: 8 * 1024 * 1024 });
socket.on('message', (datagram) => {
  if (parseDaemonDatagram(datagram).ok) decoded++;
  else malformed++;
});
socket.bind(0, '127.0.0.1', () => {
  const http = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ decoded, malformed }));
  });
  http.listen(0, '127.0.0.1', () => {
    const udp = (socket.address() as AddressInfo).port;
    const tcp = (http.address() as AddressInfo).port;
    console.log(`sink udp:${udp} http://127.0.0.1:${tcp}`);
  });
});
process.on('SIGTERM', () => process.exit(0));
