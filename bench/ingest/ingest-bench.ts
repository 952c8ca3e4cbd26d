import type { IngestStats } from '../../apps/observability/src/store/ingest-writer.js';
import type { LoadResult } from '../load/load-result.js';
import { runLoad } from '../load/run-load.js';
import { writeTemplateFile } from '../payloads/template-file.js';
import { fmtInt, fmtMs, fmtRatio, printTable, verdict } from '../support/format.js';
import { serverEntry } from '../support/observability-server.js';
import { processCpuSeconds } from '../support/process-stats.js';
import { median, sum } from '../support/stats.js';
import { type StartedTarget, startTarget, TARGET_LABEL, type TargetKind } from './ingest-target.js';
import { checkQueryable, type QueryableCheck } from './queryable-check.js';

export interface IngestBenchOptions {
  /** Timed requests per target and in-flight level (512 spans each), split over the slices. */
  readonly requests: number;
  /** Untimed requests each target gets before its first slice. */
  readonly warmup: number;
  /** Requests kept in flight; each level is its own run with fresh targets. */
  readonly inFlight: readonly number[];
  /** Timed slices per target; the targets take turns, slice by slice. */
  readonly slices: number;
  readonly targetCpu: string;
  readonly clientCpu: string;
  /** Extra node flags for the server, e.g. ['--cpu-prof', '--cpu-prof-dir=.bench/prof']. */
  readonly serverNodeArgs: readonly string[];
}

interface Slice {
  readonly kind: TargetKind;
  readonly load: LoadResult;
  readonly targetCpuSeconds: number;
}

const KINDS: readonly TargetKind[] = ['read-sink', 'decode-sink', 'server'];
const TARGET_SPANS_PER_SECOND = 100_000;
const TARGET_DECODE_RATIO = 0.5;

/**
 * Ingest: the same OTLP protobuf requests (512 spans × 10 attributes) from a pinned load client,
 * against the HTTP ceiling, the decode ceiling and the real server, all three pinned to the same
 * core. The targets take turns in short slices, the order rotating, because this machine's speed
 * drifts by more within a minute than the differences being measured: every target meets the same
 * drift, so the ratios hold even when the absolute rates move.
 */
export async function ingestBench(options: IngestBenchOptions): Promise<void> {
  const { how } = serverEntry();
  const { path: templates, bytesPerRequest } = writeTemplateFile();
  const perSlice = Math.max(1, Math.round(options.requests / options.slices));
  console.log(
    `\n== ingest: ${options.slices} slices × ${fmtInt(perSlice)} requests × 512 spans ` +
      `(${fmtInt(bytesPerRequest / 1024)} KiB each) per target, taking turns; ` +
      `targets on CPU ${options.targetCpu}, client on CPU ${options.clientCpu}\n   server: ${how}`,
  );
  let firstRequest = 0;
  for (const inFlight of options.inFlight) {
    const targets = new Map<TargetKind, StartedTarget>();
    try {
      for (const kind of KINDS) {
        const nodeArgs = kind === 'server' ? options.serverNodeArgs : [];
        targets.set(kind, await startTarget(kind, options.targetCpu, nodeArgs));
      }
      const slices: Slice[] = [];
      const server = new ServerTally();
      for (let turn = 0; turn < options.slices; turn++) {
        // Rotating the order puts each target first, second and last equally often.
        const order = KINDS.map((_, i) => KINDS[(i + turn) % KINDS.length]!);
        for (const kind of order) {
          const target = targets.get(kind)!;
          const warmup = turn === 0 ? options.warmup : 0;
          const cpuBefore = processCpuSeconds(target.child.pid);
          const load = await runLoad(
            {
              url: target.url,
              templates,
              requests: perSlice,
              warmup,
              concurrency: inFlight,
              firstRequest,
            },
            options.clientCpu,
          );
          const targetCpuSeconds = processCpuSeconds(target.child.pid) - cpuBefore;
          firstRequest += warmup + perSlice;
          slices.push({ kind, load, targetCpuSeconds });
          if (kind === 'server') await server.check(target.url, load);
        }
      }
      report(inFlight, slices, server.checks, await ingestGrouping(targets.get('server')!.url));
    } finally {
      for (const target of targets.values()) await target.stop();
    }
  }
}

/**
 * After each server slice, COUNT through the query API must already match every span the server
 * has acknowledged so far (a 2xx means committed).
 */
class ServerTally {
  readonly checks: QueryableCheck[] = [];
  #acked = 0;
  #firstStartNanos: string | undefined;

  async check(url: string, load: LoadResult): Promise<void> {
    this.#acked += load.spansAcked + load.warmupSpansAcked;
    this.#firstStartNanos ??= load.firstStartNanos;
    this.checks.push(
      await checkQueryable(url, {
        expected: this.#acked,
        firstStartNanos: this.#firstStartNanos,
        lastStartNanos: load.lastStartNanos,
      }),
    );
  }
}

/** The server's group commit so far, from `/health`. */
async function ingestGrouping(url: string): Promise<IngestStats> {
  const health = (await (await fetch(`${url}/health`)).json()) as { ingest: IngestStats };
  return health.ingest;
}

function report(
  inFlight: number,
  slices: readonly Slice[],
  checks: readonly QueryableCheck[],
  grouping: IngestStats,
): void {
  const of = (kind: TargetKind) => slices.filter((s) => s.kind === kind);
  const spans = (runs: readonly Slice[]) => sum(runs, (s) => s.load.spansAcked);
  const seconds = (runs: readonly Slice[]) => sum(runs, (s) => s.load.elapsedMs / 1000);
  const rateOf = (kind: TargetKind) => spans(of(kind)) / seconds(of(kind));
  const rows = KINDS.map((kind) => {
    const runs = of(kind);
    const allSpans = sum(runs, (s) => s.load.spansAcked + s.load.warmupSpansAcked);
    const cpu = sum(runs, (s) => s.targetCpuSeconds);
    const statuses = new Map<string, number>();
    for (const s of runs) {
      for (const [status, n] of Object.entries(s.load.statuses)) {
        statuses.set(status, (statuses.get(status) ?? 0) + n);
      }
    }
    const retries = sum(runs, (s) => s.load.retries);
    return [
      TARGET_LABEL[kind],
      fmtInt(rateOf(kind)),
      fmtMs(median(runs.map((s) => s.load.latencyP50Ms))),
      fmtMs(median(runs.map((s) => s.load.latencyP99Ms))),
      `${((cpu / allSpans) * 1e6).toFixed(2)} µs`,
      JSON.stringify(Object.fromEntries(statuses)) + (retries > 0 ? ` retries=${retries}` : ''),
    ];
  });
  console.log(`\n-- ${inFlight} requests in flight`);
  printTable(
    ['target', 'spans/s acked', 'p50 (median)', 'p99 (median)', 'CPU/span', 'answers'],
    rows,
  );

  const server = rateOf('server');
  const decodeRatio = server / rateOf('decode-sink');
  const sliceRatios = pairedRatios(of('server'), of('decode-sink'));
  const queryableSeconds = seconds(of('server')) + sum(checks, (q) => q.matchedAfterMs) / 1000;
  const immediate = checks.every((q) => q.firstCount === q.expected);
  console.log(
    `server acknowledged: ${fmtInt(server)} spans/s (target ≥ ${fmtInt(TARGET_SPANS_PER_SECOND)}: ${verdict(server >= TARGET_SPANS_PER_SECOND)})`,
  );
  console.log(
    `server acknowledged and queryable: ${fmtInt(spans(of('server')) / queryableSeconds)} spans/s; ` +
      (immediate
        ? `COUNT via the query API matched every acknowledged span on the first query after each slice (median ${fmtMs(median(checks.map((q) => q.matchedAfterMs)))})`
        : `COUNT matched only after ${checks.map((q) => `${fmtMs(q.matchedAfterMs)} / ${q.countQueries} queries`).join(', ')}`),
  );
  console.log(
    `server commits: ${fmtInt(grouping.commits)} for ${fmtInt(grouping.requests)} requests ` +
      `(${(grouping.requests / grouping.commits).toFixed(1)} a commit, at most ${inFlight} can wait together)`,
  );
  console.log(`server / HTTP ceiling:   ${fmtRatio(server / rateOf('read-sink'))}`);
  console.log(
    `server / decode ceiling: ${fmtRatio(decodeRatio)} (target ≥ ${TARGET_DECODE_RATIO}: ${verdict(decodeRatio >= TARGET_DECODE_RATIO)}); ` +
      `slice by slice ${sliceRatios.map((r) => r.toFixed(2)).join(' ')}`,
  );
}

/** The ratio of two targets' rates in each turn, where both met the same minute of the machine. */
function pairedRatios(a: readonly Slice[], b: readonly Slice[]): number[] {
  const rate = (s: Slice) => s.load.spansAcked / s.load.elapsedMs;
  return a.slice(0, b.length).map((s, i) => rate(s) / rate(b[i]!));
}
