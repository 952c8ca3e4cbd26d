import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The ceiling for the Rollbar benchmark, run pinned like the server: reads each body, parses the
 * JSON, and answers as Rollbar does, storing nothing. Prints `listening on URL`; exits on SIGTERM.
 */
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const item = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { uuid: string } };
    const body = JSON.stringify({ err: 0, result: { id: null, uuid: item.data.uuid } });
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`rollbar parse sink listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
});
