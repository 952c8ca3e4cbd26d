import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpanView } from '../src/contract/trace-view.js';
import { parseXrayTraceId } from '../src/receivers/xray/xray-trace-id.js';
import type { RunningServer } from '../src/server.js';
import { startTestServer, stopAllServers } from './support/running-server.js';
import { eventually } from './support/xray-client.js';

const HEADER = '{"format":"json","version":1}\n';
const NOW_S = Date.now() / 1000;

let server: RunningServer;
let socket: Socket;

beforeAll(async () => {
  server = await startTestServer();
  socket = createSocket('udp4');
});

afterAll(async () => {
  socket.close();
  await stopAllServers();
});

function send(payload: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) =>
    socket.send(payload, server.xrayUdpPort, '127.0.0.1', (error) =>
      error ? reject(error) : resolve(),
    ),
  );
}

const sendDocument = (document: object) => send(HEADER + JSON.stringify(document));

function traceId(): string {
  return `1-${Math.floor(NOW_S).toString(16)}-${randomBytes(12).toString('hex')}`;
}
function id(): string {
  return randomBytes(8).toString('hex');
}

interface DaemonHealth {
  readonly malformed: number;
  readonly storedDocuments: number;
  readonly heldInProgress: number;
}

async function health(): Promise<DaemonHealth> {
  const body = (await (await fetch(`${server.url}/health`)).json()) as { xray: DaemonHealth };
  return body.xray;
}

async function spans(trace: string, count: number): Promise<SpanView[]> {
  return eventually(`${count} spans of ${trace}`, async () => {
    const view = await server.store.trace(parseXrayTraceId(trace)!);
    return view !== undefined && view.spans.length >= count ? [...view.spans] : undefined;
  });
}

describe('the X-Ray daemon on UDP', () => {
  it('stores the completed version of a segment first sent in progress', async () => {
    const trace = traceId();
    const segment = { trace_id: trace, id: id(), name: 'cruddur-backend', start_time: NOW_S };
    await sendDocument({ ...segment, in_progress: true });
    await eventually('the in-progress segment to be held', async () =>
      (await health()).heldInProgress > 0 ? true : undefined,
    );
    await sendDocument({ ...segment, end_time: NOW_S + 0.5, http: { response: { status: 201 } } });
    const [stored] = await spans(trace, 1);
    expect(stored!.durationMs).toBeCloseTo(500, 3);
    expect(stored!.attributes['http.response.status_code']).toBe(201);
    expect(stored!.attributes['aws.xray.in_progress']).toBeUndefined();
  });

  it('names independent subsegments after their segment, even when they arrive first', async () => {
    const trace = traceId();
    const segmentId = id();
    const queryId = id();
    await sendDocument({
      type: 'subsegment',
      trace_id: trace,
      parent_id: queryId,
      id: id(),
      name: 'row-mapping',
      start_time: NOW_S + 0.02,
      end_time: NOW_S + 0.03,
    });
    await sendDocument({
      type: 'subsegment',
      trace_id: trace,
      parent_id: segmentId,
      id: queryId,
      name: 'cruddur@localhost',
      namespace: 'remote',
      start_time: NOW_S + 0.01,
      end_time: NOW_S + 0.04,
    });
    await sendDocument({
      trace_id: trace,
      id: segmentId,
      name: 'cruddur-backend',
      start_time: NOW_S,
      end_time: NOW_S + 0.05,
    });
    const stored = await spans(trace, 3);
    expect(stored.map((s) => [s.name, s.service, s.kind])).toEqual([
      ['cruddur-backend', 'cruddur-backend', 'server'],
      ['cruddur@localhost', 'cruddur-backend', 'client'],
      ['row-mapping', 'cruddur-backend', 'internal'],
    ]);
  });

  it('stores a burst of datagrams without loss, one span each', async () => {
    const trace = traceId();
    const rootId = id();
    await sendDocument({
      trace_id: trace,
      id: rootId,
      name: 'cruddur-backend',
      start_time: NOW_S,
      end_time: NOW_S + 1,
    });
    for (let i = 0; i < 200; i++) {
      await sendDocument({
        type: 'subsegment',
        trace_id: trace,
        parent_id: rootId,
        id: id(),
        name: `step-${i}`,
        start_time: NOW_S + i / 1000,
        end_time: NOW_S + i / 1000 + 0.0005,
      });
    }
    expect(await spans(trace, 201)).toHaveLength(201);
  });

  it('counts and drops malformed, truncated, oversized and hostile datagrams, and keeps serving', async () => {
    const before = await health();
    const rowsBefore = await server.store.query('SELECT count(*) AS n FROM events');
    const valid = JSON.stringify({
      trace_id: traceId(),
      id: id(),
      name: 'x',
      start_time: NOW_S,
      end_time: NOW_S + 1,
    });
    const bad: (string | Buffer)[] = [
      'no header at all',
      `{"format":"json","version":2}\n${valid}`,
      `{"format":"xml","version":1}\n${valid}`,
      `${HEADER}`,
      `${HEADER}${valid.slice(0, 40)}`,
      `${HEADER}{"trace_id":"1-00000000-000000000000000000000000","id":"0000000000000000","name":"x","start_time":1,"end_time":2}`,
      `${HEADER}${JSON.stringify({ trace_id: traceId(), id: id(), name: 'x', start_time: NOW_S })}`,
      `${HEADER}${JSON.stringify({ trace_id: traceId(), id: id(), name: 'x'.repeat(201), start_time: NOW_S, end_time: NOW_S })}`,
      `${HEADER}${JSON.stringify({ trace_id: traceId(), id: id(), name: 'x', start_time: -1, end_time: 1e300 })}`,
      `${HEADER}${'['.repeat(30_000)}`,
      `${HEADER}${nested(200)}`,
      `${HEADER}${JSON.stringify({ trace_id: traceId(), id: id(), name: 'x', start_time: NOW_S, end_time: NOW_S, pad: 'y'.repeat(64_500) })}`,
      randomBytes(1500),
      Buffer.from([0xff, 0xfe, 0x0a, 0x00, 0x7b]),
    ];
    for (const datagram of bad) await send(datagram);
    await sendDocument(JSON.parse(valid));
    await eventually('every datagram to be counted', async () => {
      const now = await health();
      return now.malformed - before.malformed === bad.length &&
        now.storedDocuments > before.storedDocuments
        ? true
        : undefined;
    });
    const rowsAfter = await server.store.query('SELECT count(*) AS n FROM events');
    expect(Number(rowsAfter[0]!.n) - Number(rowsBefore[0]!.n)).toBe(1);
  });

  it('rejects a datagram larger than the UDP receive limit by size alone', async () => {
    const before = await health();
    // The largest IPv4 UDP payload, over X-Ray's 64 kB document limit.
    await send(Buffer.alloc(65_507, 0x20));
    await eventually('the oversized datagram to be counted', async () =>
      (await health()).malformed > before.malformed ? true : undefined,
    );
  });
});

describe('the sampling proxy on TCP', () => {
  it('answers only the two sampling paths', async () => {
    const base = `http://127.0.0.1:${server.xrayTcpPort}`;
    const rules = await fetch(`${base}/GetSamplingRules`, { method: 'POST', body: '{}' });
    expect(
      ((await rules.json()) as { SamplingRuleRecords: unknown[] }).SamplingRuleRecords,
    ).toHaveLength(1);
    const traces = await fetch(`${base}/TraceSummaries`, { method: 'POST', body: '{}' });
    expect(traces.status).toBe(404);
    const bad = await fetch(`${base}/SamplingTargets`, {
      method: 'POST',
      body: '{"SamplingStatisticsDocuments": 5}',
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-amzn-errortype')).toBe('InvalidRequestException');
  });
});

/** A segment whose subsegments nest `depth` deep. */
function nested(depth: number): string {
  let body: Record<string, unknown> = {
    id: id(),
    name: 'leaf',
    start_time: NOW_S,
    end_time: NOW_S,
  };
  for (let i = 0; i < depth; i++) {
    body = {
      id: id(),
      name: `level-${i}`,
      start_time: NOW_S,
      end_time: NOW_S,
      subsegments: [body],
    };
  }
  return JSON.stringify({ ...body, trace_id: traceId() });
}
