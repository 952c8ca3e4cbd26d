import { createSocket } from 'node:dgram';
import { parseArgs } from 'node:util';

/**
 * Offers X-Ray segment datagrams at a fixed rate for a fixed time and prints what it sent as JSON.
 * Each datagram is what aws-xray-sdk-core sends for a traced Express request with one subsegment.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    prefix: { type: 'string', default: '0' },
  },
});
const port = Number(values.port);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const prefix = Number(values.prefix).toString(16).padStart(4, '0');
const HEADER = '{"format":"json","version":1}\n';
const epoch = Math.floor(Date.now() / 1000);

function datagram(n: number): Buffer {
  const tail = n.toString(16).padStart(12, '0');
  const start = Date.now() / 1000;
  const document = {
    trace_id: `1-${epoch.toString(16)}-${prefix}${'0'.repeat(8)}${tail}`,
    id: `${prefix}${tail}`,
    name: 'cruddur-backend',
    start_time: start,
    end_time: start + 0.012,
    service: {
      version: '0.1.0',
      runtime: 'node',
      runtime_version: 'v20.20.2',
      name: 'cruddur-backend',
    },
    aws: { xray: { sdk: 'X-Ray for Node.js', sdk_version: '3.12.0', package: 'aws-xray-sdk' } },
    http: {
      request: {
        method: 'GET',
        url: 'http://localhost:4567/api/activities/home',
        user_agent: 'bench',
        client_ip: '127.0.0.1',
      },
      response: { status: 200, content_length: 512 },
    },
    annotations: { user_handle: 'andrewbrown' },
    metadata: { default: { 'results-size': 2 } },
    subsegments: [
      {
        id: `${prefix.slice(0, 2)}ff${tail}`,
        name: 'mock-data',
        start_time: start + 0.001,
        end_time: start + 0.01,
        metadata: { default: { now: new Date().toISOString() } },
      },
    ],
  };
  return Buffer.from(HEADER + JSON.stringify(document));
}

const socket = createSocket('udp4');
let sent = 0;
let errors = 0;
const began = performance.now();
const total = Math.round(rate * seconds);

function tick(): void {
  const due = Math.min(total, Math.floor(((performance.now() - began) / 1000) * rate));
  // A bounded burst per turn, so the event loop still delivers send callbacks.
  for (let i = 0; sent < due && i < 2_000; i++) {
    socket.send(datagram(sent), port, '127.0.0.1', (error) => {
      if (error) errors++;
    });
    sent++;
  }
  if (sent < total) setImmediate(tick);
  else finish();
}

function finish(): void {
  const elapsedMs = performance.now() - began;
  // Let queued sends leave before closing the socket.
  setTimeout(() => {
    socket.close();
    console.log(JSON.stringify({ sent, errors, elapsedMs }));
  }, 200);
}

tick();
