import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { decodeSpanCount } from './otlp-trace-schema.js';

/**
 * A ceiling for the ingest benchmark, on 127.0.0.1 and a free port, run pinned like the server:
 * `--mode read` only reads each body (the HTTP ceiling); `--mode decode` also decodes it fully with
 * protobufjs and discards the result (the decode ceiling). Both answer 200 with an empty protobuf
 * ExportTraceServiceResponse, i.e. full success. Prints `listening on URL`; exits on SIGTERM.
 */
const { values } = parseArgs({ options: { mode: { type: 'string', default: 'read' } } });
const decode = values.mode === 'decode';
if (values.mode !== 'read' && !decode) throw new Error(`unknown mode ${values.mode}`);

let spans = 0;
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    if (decode) spans += decodeSpanCount(body);
    response.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': 0 });
    response.end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`sink (${values.mode}) listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  if (decode) console.log(`decoded ${spans} spans`);
  process.exit(0);
});
