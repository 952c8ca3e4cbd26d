import type { LoadResult } from '../load/load-result.js';
import { runLoad } from '../load/run-load.js';
import { writeTemplateFile } from '../payloads/template-file.js';
import { fmtInt, fmtMs, fmtRatio, printTable, verdict } from '../support/format.js';
import { serverEntry } from '../support/observability-server.js';
import { processCpuSeconds } from '../support/process-stats.js';
import { median } from '../support/stats.js';
import { startTarget, TARGET_LABEL, type TargetKind } from './ingest-target.js';
import { checkQueryable, type QueryableCheck } from './queryable-check.js';

export interface IngestBenchOptions {
  /** Timed requests per target and round (512 spans each). */
  readonly requests: number;
  readonly warmup: number;
  readonly concurrency: number;
  readonly rounds: number;
  readonly targetCpu: string;
  readonly clientCpu: string;
  /** Extra node flags for the server, e.g. ['--cpu-prof', '--cpu-prof-dir=.bench/prof']. */
  readonly serverNodeArgs: readonly string[];
}

interface Sample {
  readonly kind: TargetKind;
  readonly load: LoadResult;
  readonly targetCpuSeconds: number;
  readonly queryable?: QueryableCheck;
}

const TARGET_SPANS_PER_SECOND = 100_000;
const TARGET_DECODE_RATIO = 0.5;

/**
 * Ingest: the same OTLP protobuf requests (512 spans × 10 attributes) from one pinned load client
 * with N requests in flight, against the HTTP ceiling, the decode ceiling and the real server, each
 * pinned to its own core, in one run. Rounds alternate the order (ABC, CBA, …) so drift on a noisy
 * machine does not favour one target.
 */
export async function ingestBench(options: IngestBenchOptions): Promise<void> {
  const { how } = serverEntry();
  const { path: templates, bytesPerRequest } = writeTemplateFile();
  console.log(
    `\n== ingest: ${options.rounds} round(s) × ${fmtInt(options.requests)} requests × 512 spans ` +
      `(${fmtInt(bytesPerRequest / 1024)} KiB each), ${options.concurrency} in flight; ` +
      `targets on CPU ${options.targetCpu}, client on CPU ${options.clientCpu}\n   server: ${how}`,
  );
  const order: TargetKind[] = ['read-sink', 'decode-sink', 'server'];
  const samples: Sample[] = [];
  let firstRequest = 0;
  for (let round = 0; round < options.rounds; round++) {
    const kinds = round % 2 === 0 ? order : [...order].reverse();
    for (const kind of kinds) {
      const target = await startTarget(
        kind,
        options.targetCpu,
        kind === 'server' ? options.serverNodeArgs : [],
      );
      try {
        const cpuBefore = processCpuSeconds(target.child.pid);
        const load = await runLoad(
          {
            url: target.url,
            templates,
            requests: options.requests,
            warmup: options.warmup,
            concurrency: options.concurrency,
            firstRequest,
          },
          options.clientCpu,
        );
        const targetCpuSeconds = processCpuSeconds(target.child.pid) - cpuBefore;
        firstRequest += options.warmup + options.requests;
        const queryable = kind === 'server' ? await checkQueryable(target.url, load) : undefined;
        samples.push({ kind, load, targetCpuSeconds, ...(queryable ? { queryable } : {}) });
        console.log(
          `   round ${round + 1} ${TARGET_LABEL[kind].padEnd(28)} ${fmtInt(rate(load)).padStart(9)} spans/s`,
        );
      } finally {
        await target.stop();
      }
    }
  }
  report(samples);
}

function rate(load: LoadResult): number {
  return load.spansAcked / (load.elapsedMs / 1000);
}

function report(samples: readonly Sample[]): void {
  const of = (kind: TargetKind) => samples.filter((s) => s.kind === kind);
  const medianRate = (kind: TargetKind) => median(of(kind).map((s) => rate(s.load)));
  const rows = (['read-sink', 'decode-sink', 'server'] as const).map((kind) => {
    const runs = of(kind);
    const spans = runs.reduce((sum, s) => sum + s.load.spansAcked + s.load.warmupSpansAcked, 0);
    const cpu = runs.reduce((sum, s) => sum + s.targetCpuSeconds, 0);
    const statuses = runs.map((s) => JSON.stringify(s.load.statuses)).join(' ');
    return [
      TARGET_LABEL[kind],
      fmtInt(medianRate(kind)),
      fmtMs(median(runs.map((s) => s.load.latencyP50Ms))),
      fmtMs(median(runs.map((s) => s.load.latencyP99Ms))),
      `${((cpu / spans) * 1e6).toFixed(2)} µs`,
      `${median(runs.map((s) => s.load.clientCpuSeconds / (s.load.elapsedMs / 1000))).toFixed(2)}`,
      `${statuses}${runs.some((s) => s.load.retries > 0) ? ` retries=${runs.map((s) => s.load.retries)}` : ''}`,
    ];
  });
  console.log('');
  printTable(
    ['target', 'spans/s acked', 'p50', 'p99', 'CPU/span', 'client cores', 'answers'],
    rows,
  );

  const server = medianRate('server');
  const httpRatio = server / medianRate('read-sink');
  const decodeRatio = server / medianRate('decode-sink');
  const checks = of('server').flatMap((s) => (s.queryable ? [{ s, q: s.queryable }] : []));
  const queryableRate = median(
    checks.map(({ s, q }) => s.load.spansAcked / ((s.load.elapsedMs + q.matchedAfterMs) / 1000)),
  );
  const immediate = checks.every(({ q }) => q.firstCount === q.expected);
  console.log('');
  console.log(
    `server acknowledged: ${fmtInt(server)} spans/s (target ≥ ${fmtInt(TARGET_SPANS_PER_SECOND)}: ${verdict(server >= TARGET_SPANS_PER_SECOND)})`,
  );
  console.log(
    `server acknowledged and queryable: ${fmtInt(queryableRate)} spans/s; COUNT via the query API ` +
      (immediate
        ? `matched every acknowledged span on the first query (${checks.map(({ q }) => fmtMs(q.matchedAfterMs)).join(', ')})`
        : `matched after ${checks.map(({ q }) => `${fmtMs(q.matchedAfterMs)} / ${q.countQueries} queries`).join(', ')}`),
  );
  console.log(`server / HTTP ceiling:   ${fmtRatio(httpRatio)}`);
  console.log(
    `server / decode ceiling: ${fmtRatio(decodeRatio)} (target ≥ ${TARGET_DECODE_RATIO}: ${verdict(decodeRatio >= TARGET_DECODE_RATIO)})`,
  );
}
