import { rmSync } from 'node:fs';
import { Child, tsxArgs } from '../support/child-process.js';
import { fmtInt, fmtMs, fmtRatio, printTable } from '../support/format.js';
import { startObservability } from '../support/observability-server.js';
import { benchPath, benchScript } from '../support/paths.js';
import { processCpuSeconds } from '../support/process-stats.js';
import { median } from '../support/stats.js';
import { type RollbarLoadResult, runRollbarLoad } from './rollbar-load.js';
import { rollbarPayloadTemplate } from './rollbar-payload.js';

export interface RollbarBenchOptions {
  readonly requests: number;
  readonly warmup: number;
  readonly concurrency: number;
  readonly rounds: number;
  readonly targetCpu: string;
}

type TargetKind = 'parse-sink' | 'server';
const LABEL: Record<TargetKind, string> = {
  'parse-sink': 'parse sink (JSON.parse, no store)',
  server: 'observability server',
};

interface Sample {
  readonly kind: TargetKind;
  readonly load: RollbarLoadResult;
  readonly cpuSeconds: number;
  /** The hot item's `total_occurrences` after the round (server only). */
  readonly stored?: number;
}

interface Target {
  readonly url: string;
  readonly child: Child;
}

/**
 * Rollbar items/s for one hot fingerprint: the same rollbar.js-shaped error (own uuid each) from
 * N concurrent keep-alive connections, against a sink that only parses the JSON and the real
 * server (durable commit per answer), each pinned to the same core, alternating order per round.
 * The server's figure counts only what its read API then shows on the one item.
 */
export async function rollbarBench(options: RollbarBenchOptions): Promise<void> {
  const template = rollbarPayloadTemplate();
  const bytes = template.before.length + template.after.length + 36;
  console.log(
    `\n== rollbar: ${options.rounds} round(s) × ${fmtInt(options.requests)} items ` +
      `(${fmtInt(bytes / 1024)} KiB each, one fingerprint), ${options.concurrency} in flight; ` +
      `targets on CPU ${options.targetCpu}`,
  );
  const samples: Sample[] = [];
  let run = 0;
  for (let round = 0; round < options.rounds; round++) {
    const kinds: TargetKind[] =
      round % 2 === 0 ? ['parse-sink', 'server'] : ['server', 'parse-sink'];
    for (const kind of kinds) {
      const data = benchPath(`rollbar-${process.pid}.duckdb`);
      const target = await startTarget(kind, options.targetCpu, data);
      try {
        await runRollbarLoad({
          ...options,
          requests: options.warmup,
          url: target.url,
          template,
          run: ++run,
        });
        const cpuBefore = processCpuSeconds(target.child.pid);
        const load = await runRollbarLoad({ ...options, url: target.url, template, run: ++run });
        const cpuSeconds = processCpuSeconds(target.child.pid) - cpuBefore;
        const stored = kind === 'server' ? await hotItemOccurrences(target.url) : undefined;
        samples.push({ kind, load, cpuSeconds, ...(stored !== undefined ? { stored } : {}) });
        console.log(
          `   round ${round + 1} ${LABEL[kind].padEnd(34)} ${fmtInt(rate(load)).padStart(8)} items/s` +
            (stored !== undefined ? ` (hot item shows ${fmtInt(stored)} occurrences)` : ''),
        );
      } finally {
        await target.child.stop();
        for (const suffix of ['', '.wal']) rmSync(`${data}${suffix}`, { force: true });
      }
    }
  }
  report(samples, options);
}

async function startTarget(kind: TargetKind, cpus: string, data: string): Promise<Target> {
  if (kind === 'server') return startObservability({ data, cpus });
  const child = new Child({
    name: 'rollbar parse sink',
    cpus,
    command: process.execPath,
    args: tsxArgs(benchScript('rollbar/rollbar-sink.ts'), []),
    stopTimeoutMs: 5_000,
  });
  const match = await child.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
  return { url: match[1]!, child };
}

async function hotItemOccurrences(url: string): Promise<number> {
  const response = await fetch(`${url}/api/1/items/`);
  const body = (await response.json()) as { result: { items: { total_occurrences: number }[] } };
  if (body.result.items.length !== 1) {
    throw new Error(`expected one item for one fingerprint, found ${body.result.items.length}`);
  }
  return body.result.items[0]!.total_occurrences;
}

function rate(load: RollbarLoadResult): number {
  return load.acked / (load.elapsedMs / 1000);
}

function report(samples: readonly Sample[], options: RollbarBenchOptions): void {
  const of = (kind: TargetKind) => samples.filter((s) => s.kind === kind);
  const medianRate = (kind: TargetKind) => median(of(kind).map((s) => rate(s.load)));
  const rows = (['parse-sink', 'server'] as const).map((kind) => {
    const runs = of(kind);
    const acked = runs.reduce((sum, s) => sum + s.load.acked, 0);
    const cpu = runs.reduce((sum, s) => sum + s.cpuSeconds, 0);
    return [
      LABEL[kind],
      fmtInt(medianRate(kind)),
      fmtMs(median(runs.map((s) => s.load.latencyP50Ms))),
      fmtMs(median(runs.map((s) => s.load.latencyP99Ms))),
      `${((cpu / Math.max(1, acked)) * 1e6).toFixed(0)} µs`,
      runs.map((s) => JSON.stringify(s.load.statuses)).join(' '),
    ];
  });
  console.log('');
  printTable(['target', 'items/s acked', 'p50', 'p99', 'CPU/item', 'answers'], rows);
  const server = of('server');
  const expected = options.requests + options.warmup;
  const complete = server.every((s) => s.stored === expected && s.load.acked === options.requests);
  console.log('');
  console.log(
    `server: ${fmtInt(medianRate('server'))} occurrences/s stored on one item; ` +
      (complete
        ? `every acknowledged occurrence counted (${fmtInt(expected)} per round)`
        : `COUNT MISMATCH: ${server.map((s) => `${s.stored}/${expected}`).join(', ')}`),
  );
  console.log(`server / parse sink: ${fmtRatio(medianRate('server') / medianRate('parse-sink'))}`);
}
