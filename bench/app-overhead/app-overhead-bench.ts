import { fmtInt, fmtMs, fmtRatio, printTable, verdict } from '../support/format.js';
import { countEvents } from '../support/honeycomb-api.js';
import {
  type RunningObservability,
  serverEntry,
  startObservability,
} from '../support/observability-server.js';
import { processCpuSeconds } from '../support/process-stats.js';
import { sum } from '../support/stats.js';
import {
  type BackendTelemetryStats,
  BENCH_SERVICE_NAME,
  buildApps,
  type RunningBackend,
  startBackend,
} from './backend.js';
import { coreBusySeconds } from './core-busy.js';
import { closedPortUrl, startBlackHole } from './dead-endpoints.js';
import { HttpLoadClient, type HttpLoadResult, loadTotals } from './http-load-result.js';
import { type XrayDaemon, xrayDaemonOf } from './xray-daemon.js';

export const APP_CONFIGS = ['on', 'off', 'blackhole', 'refused', 'xray'] as const;
export type AppConfig = (typeof APP_CONFIGS)[number];

const CONFIG_LABEL: Record<AppConfig, string> = {
  on: '(a) on → local server',
  off: '(b) OTEL_SDK_DISABLED=true',
  blackhole: '(c) on → black hole',
  refused: '(d) on → closed port',
  xray: '(e) on + X-Ray → local server',
};

const TARGET_RATIO = 0.85;
const TARGET_P99_ADDED_MS = 2;
const ROUTE = '/api/activities/home';

export interface AppOverheadOptions {
  readonly configs: readonly AppConfig[];
  /** Timed slices per API process; the processes take turns, slice by slice. */
  readonly slices: number;
  readonly sliceSec: number;
  /**
   * API processes per configuration, all taking turns: identical processes differ by up to a
   * fifth in CPU per request, so one process per configuration carries its luck into the ratio.
   */
  readonly processes: number;
  readonly warmupSec: number;
  readonly connections: number;
  /** The API's core; it is alone there. */
  readonly backendCpu: string;
  /** autocannon and the observability server share this core. */
  readonly clientCpu: string;
  /** Extra node flags for the API, e.g. ['--cpu-prof', …] (all configurations alike). */
  readonly backendNodeArgs: readonly string[];
}

/** One timed slice of one configuration. */
interface Slice {
  readonly load: HttpLoadResult;
  readonly backendCpuSeconds: number;
  readonly serverCpuSeconds: number;
  /** CPU seconds other processes (not this API) ran on the API's core during the slice. */
  readonly othersOnApiCoreSeconds: number;
}

interface ConfigRun {
  readonly config: AppConfig;
  /** Which of the configuration's processes, from 1. */
  readonly processNumber: number;
  readonly serviceName: string;
  readonly startedAt: number;
  readonly backend: RunningBackend;
  readonly warmup: HttpLoadResult;
  readonly slices: Slice[];
}

/** What one API process did, from its start to its stop. */
interface ProcessResult {
  readonly config: AppConfig;
  readonly warmupRequests: number;
  readonly slices: readonly Slice[];
  readonly telemetry: BackendTelemetryStats | undefined;
  readonly stopMs: number;
  /** (a) and (e): spans COUNTed by the local server for this process's service. */
  readonly spansCounted?: number;
}

/** A configuration's processes taken together. */
interface ConfigResult {
  readonly config: AppConfig;
  readonly processes: readonly ProcessResult[];
  /** Every process's slices. */
  readonly slices: readonly Slice[];
}

/**
 * `GET /api/activities/home` on the real API (built, PGlite in a fresh temp dir) pinned alone to
 * one core, loaded by autocannon from another core, with telemetry exporting to a running local
 * observability server, disabled (`OTEL_SDK_DISABLED=true`), exporting into a black hole (accepts,
 * never answers), to a closed port, and with X-Ray on too. `processes` API processes per
 * configuration, all started and warmed up first; then the processes take turns in short slices
 * (the order rotating each time), so a machine whose speed drifts by tens of percent within a
 * minute slows every configuration alike, and each configuration's figures average over processes
 * that differ by chance. Only the API being loaded has work; the others sit idle.
 */
export async function appOverheadBench(options: AppOverheadOptions): Promise<void> {
  buildApps();
  const { how } = serverEntry();
  // The observability server shares the client's core: the API under test keeps its own.
  const server = await startObservability({ data: ':memory:', cpus: options.clientCpu });
  const blackHole = await startBlackHole();
  const refusedUrl = await closedPortUrl();
  const xrayDaemon = options.configs.includes('xray') ? await xrayDaemonOf(server) : undefined;
  const client = HttpLoadClient.start(options.clientCpu);
  const endpoint: Record<AppConfig, string> = {
    on: server.url,
    off: server.url,
    blackhole: blackHole.url,
    refused: refusedUrl,
    xray: server.url,
  };
  console.log(
    `\n== app-overhead: GET ${ROUTE}, ${options.configs.length} configurations taking turns in ` +
      `${options.slices} slices of ${options.sliceSec} s per process (after ${options.warmupSec} s ` +
      `warm-up), ${options.connections} connection(s)\n   APIs (node apps/backend/dist/main.js, ` +
      `PGlite, ${options.processes} per configuration) on CPU ${options.backendCpu}; autocannon and the ` +
      `observability server on CPU ${options.clientCpu}\n   server: ${how}, --data :memory:; ` +
      `black hole ${blackHole.url}; closed port ${refusedUrl}` +
      (xrayDaemon === undefined ? '' : `; X-Ray daemon ${xrayDaemon.address} (${xrayDaemon.how})`),
  );

  const runs: ConfigRun[] = [];
  const finished: ProcessResult[] = [];
  try {
    for (let processNumber = 1; processNumber <= options.processes; processNumber++) {
      for (const config of options.configs) {
        runs.push(
          await startConfig(config, processNumber, endpoint[config], options, client, xrayDaemon),
        );
      }
    }
    for (let slice = 0; slice < options.slices; slice++) {
      const rates: string[] = [];
      for (const run of turnOrder(runs, slice)) {
        const taken = await measureSlice(run, server, options, client);
        run.slices.push(taken);
        rates.push(`${runLabel(run, options)} ${fmtInt(taken.load.ok / taken.load.durationSec)}`);
      }
      console.log(`   slice ${String(slice + 1).padStart(2)}: ${rates.join(', ')} req/s`);
    }
    for (const run of runs) finished.push(await finishProcess(run, server));
  } finally {
    for (const run of runs) await run.backend.stop();
    await client.close();
    await blackHole.close();
    await xrayDaemon?.close();
    await server.child.stop();
  }
  const results = options.configs.map((config) => {
    const processes = finished.filter((p) => p.config === config);
    return { config, processes, slices: processes.flatMap((p) => p.slices) };
  });
  report(results, options, blackHole.connections);
}

function runLabel(run: ConfigRun, options: AppOverheadOptions): string {
  return options.processes > 1 ? `${run.config}#${run.processNumber}` : run.config;
}

/** Slice k starts at configuration k (mod n) and goes forwards on even k, backwards on odd. */
function turnOrder<T>(items: readonly T[], slice: number): T[] {
  const rotated = items.map((_, i) => items[(i + slice) % items.length]!);
  return slice % 2 === 0 ? rotated : rotated.reverse();
}

async function startConfig(
  config: AppConfig,
  processNumber: number,
  endpoint: string,
  options: AppOverheadOptions,
  client: HttpLoadClient,
  xrayDaemon: XrayDaemon | undefined,
): Promise<ConfigRun> {
  const serviceName = `${BENCH_SERVICE_NAME}-${config}-${processNumber}`;
  const startedAt = Date.now();
  const backend = await startBackend({
    name: `API (${config} #${processNumber})`,
    cpus: options.backendCpu,
    // Same variables in every configuration; only the endpoint or the kill switch differs.
    telemetryEnv: {
      OTEL_SERVICE_NAME: serviceName,
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      // Access logs go to CloudWatch Logs too: the same live, black-hole or refused endpoint.
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: endpoint,
      ...(config === 'off' ? { OTEL_SDK_DISABLED: 'true' } : {}),
      ...(config === 'xray' && xrayDaemon !== undefined
        ? { AWS_XRAY_DAEMON_ADDRESS: xrayDaemon.address }
        : {}),
    },
    nodeArgs: options.backendNodeArgs,
  });
  const warmup = await client.run({
    url: `${backend.url}${ROUTE}`,
    connections: options.connections,
    durationSec: options.warmupSec,
  });
  return { config, processNumber, serviceName, startedAt, backend, warmup, slices: [] };
}

async function measureSlice(
  run: ConfigRun,
  server: RunningObservability,
  options: AppOverheadOptions,
  client: HttpLoadClient,
): Promise<Slice> {
  const backendBefore = processCpuSeconds(run.backend.child.pid);
  const serverBefore = processCpuSeconds(server.child.pid);
  const coreBefore = coreBusySeconds(options.backendCpu);
  const load = await client.run({
    url: `${run.backend.url}${ROUTE}`,
    connections: options.connections,
    durationSec: options.sliceSec,
  });
  const backendCpuSeconds = processCpuSeconds(run.backend.child.pid) - backendBefore;
  const serverCpuSeconds = processCpuSeconds(server.child.pid) - serverBefore;
  const othersOnApiCoreSeconds = Math.max(
    0,
    coreBusySeconds(options.backendCpu) - coreBefore - backendCpuSeconds,
  );
  if (load.ok === 0 || load.non2xx > 0 || load.errors > 0) {
    const { latencies: _, ...counts } = load;
    throw new Error(
      `${run.config}: ${JSON.stringify(counts)}\n${run.backend.child.stderr.slice(-2000)}`,
    );
  }
  return { load, backendCpuSeconds, serverCpuSeconds, othersOnApiCoreSeconds };
}

/** Stops the API (flushing its queued spans, bounded by its export timeout) and counts its spans. */
async function finishProcess(run: ConfigRun, server: RunningObservability): Promise<ProcessResult> {
  const { stopMs } = await run.backend.stop();
  const telemetry = run.backend.telemetryStats();
  const spansCounted =
    run.config === 'on' || run.config === 'xray'
      ? await countEvents(
          server.url,
          run.serviceName,
          Math.floor(run.startedAt / 1000) - 60,
          Math.ceil(Date.now() / 1000) + 60,
        )
      : undefined;
  return {
    config: run.config,
    warmupRequests: run.warmup.ok,
    slices: run.slices,
    telemetry,
    stopMs,
    ...(spansCounted === undefined ? {} : { spansCounted }),
  };
}

function report(
  results: readonly ConfigResult[],
  options: AppOverheadOptions,
  blackHoleConnections: number,
): void {
  const totals = new Map(results.map((r) => [r.config, loadTotals(r.slices.map((s) => s.load))]));
  const rows = results.map((r) => {
    const total = totals.get(r.config)!;
    const rates = r.slices.map((s) => s.load.ok / s.load.durationSec);
    return [
      CONFIG_LABEL[r.config],
      `${fmtInt(Math.min(...rates))}–${fmtInt(Math.max(...rates))}`,
      fmtInt(total.requestsPerSec),
      fmtMs(total.latencyP50Ms),
      fmtMs(total.latencyP99Ms),
      `${fmtInt(cpuPerRequestOf(r.slices) * 1e6)} µs` +
        (r.processes.length > 1
          ? ` (${r.processes.map((p) => fmtInt(cpuPerRequestOf(p.slices) * 1e6)).join(', ')})`
          : ''),
      `${((100 * (total.clientCpuSeconds + sum(r.slices, (s) => s.serverCpuSeconds))) / total.durationSec).toFixed(0)}%`,
      `${(Math.max(...r.processes.map((p) => p.stopMs)) / 1000).toFixed(1)} s`,
      telemetryCell(r),
    ];
  });
  console.log('');
  printTable(
    [
      'configuration',
      'req/s by slice',
      'req/s',
      'p50',
      'p99',
      options.processes > 1 ? 'API CPU/req (by process)' : 'API CPU/req',
      `CPU ${options.clientCpu} busy`,
      'API stop (slowest)',
      'telemetry (API drop warnings; server COUNT)',
    ],
    rows,
  );
  console.log(
    `(req/s, p50 and p99 over every slice's responses; latencies are per-response from autocannon; ` +
      `"CPU ${options.clientCpu} busy" is autocannon + observability server; black hole accepted ` +
      `${blackHoleConnections} connection(s))`,
  );

  const off = results.find((r) => r.config === 'off');
  if (off === undefined) return;
  const offTotal = totals.get('off')!;
  const allSlices = results.flatMap((r) => r.slices);
  const others =
    sum(allSlices, (s) => s.othersOnApiCoreSeconds) / sum(allSlices, (s) => s.load.durationSec);
  console.log('');
  for (const r of results.filter((c) => c.config !== 'off')) {
    const total = totals.get(r.config)!;
    const ratio = total.requestsPerSec / offTotal.requestsPerSec;
    const added = total.latencyP99Ms - offTotal.latencyP99Ms;
    const p99Target =
      r.config === 'on' || r.config === 'xray'
        ? ` (target < ${TARGET_P99_ADDED_MS} ms: ${verdict(added < TARGET_P99_ADDED_MS)})`
        : '';
    console.log(
      `${CONFIG_LABEL[r.config].padEnd(27)} throughput / off ${fmtRatio(ratio)} ` +
        `(target ≥ ${TARGET_RATIO}: ${verdict(ratio >= TARGET_RATIO)}); ` +
        `p99 added ${added >= 0 ? '+' : ''}${added.toFixed(2)} ms${p99Target}; ` +
        `API CPU/req off ÷ this ${fmtRatio(cpuPerRequestOf(off.slices) / cpuPerRequestOf(r.slices))}`,
    );
  }
  console.log(
    `(API CPU/req off ÷ this: the throughput ratio a saturated, uncontended API core would show.` +
      ` Other processes, idle APIs included, took ${(others * 100).toFixed(0)}% of CPU ` +
      `${options.backendCpu} on average during the slices` +
      `${others > 0.05 ? ': req/s and p99 are perturbed, rerun on a quiet machine' : ''}.)`,
  );
}

/** API CPU seconds per request over these slices. */
function cpuPerRequestOf(slices: readonly Slice[]): number {
  return sum(slices, (s) => s.backendCpuSeconds) / sum(slices, (s) => s.load.ok);
}

function telemetryCell(result: ConfigResult): string {
  const parts: string[] = [];
  const processes = result.processes;
  if (result.config !== 'off') {
    const stats = processes.flatMap((p) => (p.telemetry === undefined ? [] : [p.telemetry]));
    const lastError = stats.find((t) => t.lastError)?.lastError;
    parts.push(
      stats.length === 0
        ? 'no drops'
        : `${fmtInt(sum(stats, (t) => t.dropped))} dropped, ${fmtInt(sum(stats, (t) => t.exported))} exported${lastError ? ` (${lastError.slice(0, 40)})` : ''}`,
    );
  }
  const counted = processes.flatMap((p) => (p.spansCounted === undefined ? [] : [p.spansCounted]));
  if (counted.length > 0) {
    const spans = sum(counted, (n) => n);
    const requests = sum(processes, (p) => p.warmupRequests + sum(p.slices, (s) => s.load.ok));
    parts.push(`COUNT ${fmtInt(spans)} = ${(spans / requests).toFixed(1)}/req`);
  }
  return parts.join(', ') || '-';
}
