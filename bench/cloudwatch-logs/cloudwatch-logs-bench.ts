import { rmSync } from 'node:fs';
import { fmtInt, fmtRatio, printTable } from '../support/format.js';
import { countEvents } from '../support/honeycomb-api.js';
import { serverEntry, startObservability } from '../support/observability-server.js';
import { benchPath } from '../support/paths.js';
import { processCpuSeconds } from '../support/process-stats.js';
import { median } from '../support/stats.js';
import {
  BATCH_EVENTS,
  buildLogBatches,
  CW_GROUP,
  type LogBatch,
  OTLP_SERVICE,
} from './log-batches.js';

export interface CloudWatchLogsBenchOptions {
  /** Timed batches per path and round (10,000 events each). */
  readonly batches: number;
  readonly warmup: number;
  readonly concurrency: number;
  readonly rounds: number;
  readonly targetCpu: string;
}

type Path = 'cloudwatch' | 'otlp';
const PATH_LABEL: Record<Path, string> = {
  cloudwatch: 'PutLogEvents (AWS JSON 1.1)',
  otlp: 'OTLP/HTTP JSON /v1/logs',
};

interface Sample {
  readonly round: number;
  readonly path: Path;
  readonly eventsPerSecond: number;
  readonly serverCpuSeconds: number;
  readonly stored: number;
}

/**
 * PutLogEvents at full 10,000-event batches against OTLP logs carrying the same records, each on
 * a fresh server pinned to the same core, in one run; rounds alternate the order. Counts what was
 * stored afterwards (COUNT through the query API), so a 2xx that stored nothing cannot look fast.
 */
export async function cloudWatchLogsBench(options: CloudWatchLogsBenchOptions): Promise<void> {
  const { how } = serverEntry();
  const streams = Math.max(1, options.concurrency);
  const total = options.warmup + options.batches;
  const baseMs = Date.now() - 3_600_000;
  const batches = buildLogBatches(total, baseMs, (b) => `stream-${b % streams}`);
  const bytes = Buffer.byteLength(batches[0]!.putLogEventsBody);
  console.log(
    `\n== cloudwatch-logs: ${options.rounds} round(s) × ${options.batches} batches × ${fmtInt(BATCH_EVENTS)} events ` +
      `(PutLogEvents body ${fmtInt(bytes / 1024)} KiB), ${options.concurrency} in flight; server on CPU ${options.targetCpu}\n   server: ${how}`,
  );
  const samples: Sample[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const order: Path[] = round % 2 === 0 ? ['cloudwatch', 'otlp'] : ['otlp', 'cloudwatch'];
    for (const path of order) {
      const sample = await runPath(path, batches, options, streams, baseMs);
      samples.push({ ...sample, round });
      console.log(
        `   round ${round + 1} ${PATH_LABEL[path].padEnd(28)} ${fmtInt(sample.eventsPerSecond).padStart(9)} events/s`,
      );
    }
  }
  const rows = (['cloudwatch', 'otlp'] as const).map((path) => {
    const mine = samples.filter((s) => s.path === path);
    return {
      path,
      rate: median(mine.map((s) => s.eventsPerSecond)),
      cpuPerMillion: median(
        mine.map((s) => (s.serverCpuSeconds / (options.batches * BATCH_EVENTS)) * 1e6),
      ),
      stored: mine.map((s) => s.stored),
    };
  });
  console.log('');
  printTable(
    ['path', 'events/s (median)', 'server CPU s / 1M events', 'stored per run'],
    rows.map((r) => [
      PATH_LABEL[r.path],
      fmtInt(r.rate),
      r.cpuPerMillion.toFixed(2),
      r.stored.map(fmtInt).join(', '),
    ]),
  );
  // Paired per round: both paths ran back to back, so drift on a busy machine cancels out.
  const ratios = Array.from({ length: options.rounds }, (_, round) => {
    const rate = (path: Path) =>
      samples.find((s) => s.round === round && s.path === path)!.eventsPerSecond;
    return rate('cloudwatch') / rate('otlp');
  });
  console.log(
    `\n   PutLogEvents / OTLP logs throughput on the same records: ${fmtRatio(median(ratios))} ` +
      `(median of rounds: ${ratios.map(fmtRatio).join(', ')})`,
  );
  // Server CPU per event does not depend on what else the machine runs, unlike wall-clock rates.
  console.log(
    `   OTLP logs / PutLogEvents server CPU per event: ${fmtRatio(rows[1]!.cpuPerMillion / rows[0]!.cpuPerMillion)}`,
  );
}

async function runPath(
  path: Path,
  batches: readonly LogBatch[],
  options: CloudWatchLogsBenchOptions,
  streams: number,
  baseMs: number,
): Promise<Omit<Sample, 'round'>> {
  const data = benchPath('cloudwatch-logs', `run-${process.pid}-${Date.now()}-${path}.duckdb`);
  const server = await startObservability({ data, cpus: options.targetCpu });
  try {
    const send = path === 'cloudwatch' ? putLogEvents(server.url) : otlpLogs(server.url);
    if (path === 'cloudwatch') await createGroup(server.url, streams);
    await sendAll(batches.slice(0, options.warmup), options.concurrency, send);
    const cpuBefore = processCpuSeconds(server.child.pid);
    const began = performance.now();
    await sendAll(batches.slice(options.warmup), options.concurrency, send);
    const seconds = (performance.now() - began) / 1000;
    const serverCpuSeconds = processCpuSeconds(server.child.pid) - cpuBefore;
    const dataset = path === 'cloudwatch' ? CW_GROUP : OTLP_SERVICE;
    const stored = await countEvents(
      server.url,
      dataset,
      Math.floor(baseMs / 1000) - 5,
      Math.ceil(baseMs / 1000) + 3_600,
    );
    const expected = batches.length * BATCH_EVENTS;
    if (stored !== expected) throw new Error(`${path}: stored ${stored} of ${expected} events`);
    return {
      path,
      eventsPerSecond: (options.batches * BATCH_EVENTS) / seconds,
      serverCpuSeconds,
      stored,
    };
  } finally {
    await server.child.stop();
    rmSync(data, { force: true });
    rmSync(`${data}.wal`, { force: true });
  }
}

type Send = (batch: LogBatch) => Promise<void>;

async function sendAll(
  batches: readonly LogBatch[],
  concurrency: number,
  send: Send,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) await send(batches[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

function putLogEvents(url: string): Send {
  return (batch) => awsCall(url, 'PutLogEvents', batch.putLogEventsBody);
}

function otlpLogs(url: string): Send {
  return async (batch) => {
    const response = await fetch(`${url}/v1/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: batch.otlpLogsBody,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`/v1/logs: ${response.status} ${text}`);
  };
}

async function createGroup(url: string, streams: number): Promise<void> {
  await awsCall(url, 'CreateLogGroup', JSON.stringify({ logGroupName: CW_GROUP }));
  for (let s = 0; s < streams; s++) {
    await awsCall(
      url,
      'CreateLogStream',
      JSON.stringify({ logGroupName: CW_GROUP, logStreamName: `stream-${s}` }),
    );
  }
}

async function awsCall(url: string, action: string, body: string): Promise<void> {
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `Logs_20140328.${action}`,
    },
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${action}: ${response.status} ${text}`);
  if (text.includes('rejectedLogEventsInfo')) throw new Error(`${action} rejected events: ${text}`);
}
