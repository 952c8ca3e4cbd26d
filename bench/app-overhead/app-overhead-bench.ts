import { fmtInt, fmtMs, fmtRatio, printTable, verdict } from '../support/format.js';
import { countEvents } from '../support/honeycomb-api.js';
import { serverEntry, startObservability } from '../support/observability-server.js';
import { processCpuSeconds } from '../support/process-stats.js';
import {
  type BackendTelemetryStats,
  BENCH_SERVICE_NAME,
  buildApps,
  startBackend,
} from './backend.js';
import { coreBusySeconds } from './core-busy.js';
import { closedPortUrl, startBlackHole } from './dead-endpoints.js';
import { type HttpLoadResult, runHttpLoad } from './http-load-result.js';
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
  readonly durationSec: number;
  readonly warmupSec: number;
  readonly connections: number;
  readonly rounds: number;
  /** The API's core; it is alone there. */
  readonly backendCpu: string;
  /** autocannon and the observability server share this core. */
  readonly clientCpu: string;
  /** Extra node flags for the API, e.g. ['--cpu-prof', …] (all configurations alike). */
  readonly backendNodeArgs: readonly string[];
}

interface Sample {
  readonly config: AppConfig;
  readonly round: number;
  readonly warmup: HttpLoadResult;
  readonly load: HttpLoadResult;
  readonly backendCpuSeconds: number;
  readonly serverCpuSeconds: number;
  /** CPU seconds other processes (not the API) ran on the API's core during the timed run. */
  readonly othersOnApiCoreSeconds: number;
  readonly telemetry: BackendTelemetryStats | undefined;
  readonly stopMs: number;
  /** (a) only: spans COUNTed by the local server for this run's service, over every request. */
  readonly spansCounted?: number;
}

/**
 * `GET /api/activities/home` on the real API (built, PGlite in a fresh temp dir) pinned alone to
 * one core, loaded by autocannon from another core, with telemetry exporting to a running local
 * observability server, disabled (`OTEL_SDK_DISABLED=true`), exporting into a black hole (accepts,
 * never answers) and to a closed port. One API process per configuration and round, warmed up
 * before the timed run; rounds alternate the order (ABCD, DCBA, …) so drift cancels.
 */
export async function appOverheadBench(options: AppOverheadOptions): Promise<void> {
  buildApps();
  const { how } = serverEntry();
  // The observability server shares the client's core: the API under test keeps its own.
  const server = await startObservability({ data: ':memory:', cpus: options.clientCpu });
  const blackHole = await startBlackHole();
  const refusedUrl = await closedPortUrl();
  const xrayDaemon = options.configs.includes('xray') ? await xrayDaemonOf(server) : undefined;
  const endpoint: Record<AppConfig, string> = {
    on: server.url,
    off: server.url,
    blackhole: blackHole.url,
    refused: refusedUrl,
    xray: server.url,
  };
  console.log(
    `\n== app-overhead: GET ${ROUTE}, ${options.rounds} round(s) × ${options.configs.length} ` +
      `configurations × ${options.durationSec} s (after ${options.warmupSec} s warm-up), ` +
      `${options.connections} connection(s)\n   API (node apps/backend/dist/main.js, PGlite) alone ` +
      `on CPU ${options.backendCpu}; autocannon and the observability server on CPU ` +
      `${options.clientCpu}\n   server: ${how}, --data :memory:; black hole ${blackHole.url}; ` +
      `closed port ${refusedUrl}` +
      (xrayDaemon === undefined ? '' : `; X-Ray daemon ${xrayDaemon.address} (${xrayDaemon.how})`),
  );

  const samples: Sample[] = [];
  try {
    for (let round = 0; round < options.rounds; round++) {
      const configs = round % 2 === 0 ? options.configs : [...options.configs].reverse();
      for (const config of configs) {
        const sample = await runOne(config, round, endpoint[config], server, options, xrayDaemon);
        samples.push(sample);
        console.log(
          `   round ${round + 1} ${CONFIG_LABEL[config].padEnd(27)} ` +
            `${fmtInt(sample.load.requestsPerSec).padStart(6)} req/s  ` +
            `p50 ${fmtMs(sample.load.latencyP50Ms)}  p99 ${fmtMs(sample.load.latencyP99Ms)}` +
            `  API CPU ${fmtInt((sample.backendCpuSeconds / sample.load.ok) * 1e6)} µs/req` +
            `  others on CPU ${options.backendCpu} ${fmtShare(sample.othersOnApiCoreSeconds, sample)}` +
            `  requests ${fmtInt(sample.warmup.ok)}+${fmtInt(sample.load.ok)}` +
            (sample.spansCounted === undefined
              ? ''
              : `  spans stored ${fmtInt(sample.spansCounted)}`),
        );
      }
    }
  } finally {
    await blackHole.close();
    await xrayDaemon?.close();
    await server.child.stop();
  }
  report(samples, options, blackHole.connections);
}

async function runOne(
  config: AppConfig,
  round: number,
  endpoint: string,
  server: { url: string; child: { pid: number } },
  options: AppOverheadOptions,
  xrayDaemon: XrayDaemon | undefined,
): Promise<Sample> {
  const serviceName = `${BENCH_SERVICE_NAME}-${config}-${round + 1}`;
  const startedAt = Date.now();
  const backend = await startBackend({
    name: `API (${config})`,
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
  try {
    const url = `${backend.url}${ROUTE}`;
    const warmup = await runHttpLoad(
      { url, connections: options.connections, durationSec: options.warmupSec },
      options.clientCpu,
    );
    const backendBefore = processCpuSeconds(backend.child.pid);
    const serverBefore = processCpuSeconds(server.child.pid);
    const coreBefore = coreBusySeconds(options.backendCpu);
    const load = await runHttpLoad(
      { url, connections: options.connections, durationSec: options.durationSec },
      options.clientCpu,
    );
    const backendCpuSeconds = processCpuSeconds(backend.child.pid) - backendBefore;
    const serverCpuSeconds = processCpuSeconds(server.child.pid) - serverBefore;
    const othersOnApiCoreSeconds = Math.max(
      0,
      coreBusySeconds(options.backendCpu) - coreBefore - backendCpuSeconds,
    );
    if (load.ok === 0 || load.non2xx > 0 || load.errors > 0) {
      throw new Error(`${config}: ${JSON.stringify(load)}\n${backend.child.stderr.slice(-2000)}`);
    }
    // Stopping flushes the API's queued spans (bounded by its export timeout).
    const { stopMs } = await backend.stop();
    const telemetry = backend.telemetryStats();
    const spansCounted =
      config === 'on' || config === 'xray'
        ? await countEvents(
            server.url,
            serviceName,
            Math.floor(startedAt / 1000) - 60,
            Math.ceil(Date.now() / 1000) + 60,
          )
        : undefined;
    return {
      config,
      round,
      warmup,
      load,
      backendCpuSeconds,
      serverCpuSeconds,
      othersOnApiCoreSeconds,
      telemetry,
      stopMs,
      ...(spansCounted === undefined ? {} : { spansCounted }),
    };
  } finally {
    await backend.stop();
  }
}

function fmtShare(seconds: number, sample: Sample): string {
  return `${((seconds / sample.load.durationSec) * 100).toFixed(0)}%`;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function report(
  samples: readonly Sample[],
  options: AppOverheadOptions,
  blackHoleConnections: number,
): void {
  const of = (config: AppConfig) => samples.filter((s) => s.config === config);
  const avg = (config: AppConfig, pick: (s: Sample) => number) => mean(of(config).map(pick));
  const rows = options.configs.map((config) => {
    const runs = of(config);
    const stats = runs.map((s) => telemetryCell(s)).join(' | ');
    return [
      CONFIG_LABEL[config],
      runs.map((s) => fmtInt(s.load.requestsPerSec)).join(' / '),
      fmtInt(avg(config, (s) => s.load.requestsPerSec)),
      fmtMs(avg(config, (s) => s.load.latencyP50Ms)),
      fmtMs(avg(config, (s) => s.load.latencyP99Ms)),
      `${fmtInt(avg(config, (s) => (s.backendCpuSeconds / s.load.ok) * 1e6))} µs`,
      `${(avg(config, (s) => (s.load.clientCpuSeconds + s.serverCpuSeconds) / s.load.durationSec) * 100).toFixed(0)}%`,
      `${(avg(config, (s) => s.stopMs) / 1000).toFixed(1)} s`,
      stats,
    ];
  });
  console.log('');
  printTable(
    [
      'configuration',
      'req/s by round',
      'req/s',
      'p50',
      'p99',
      'API CPU/req',
      `CPU ${options.clientCpu} busy`,
      'API stop',
      'telemetry (API drop warnings; server COUNT)',
    ],
    rows,
  );
  console.log(
    `(means over rounds; latencies are per-response from autocannon; "CPU ${options.clientCpu} busy" ` +
      `is autocannon + observability server; black hole accepted ${blackHoleConnections} connection(s))`,
  );

  if (!options.configs.includes('off')) return;
  const offRate = avg('off', (s) => s.load.requestsPerSec);
  const offP99 = avg('off', (s) => s.load.latencyP99Ms);
  const cpuPerRequest = (config: AppConfig) => avg(config, (s) => s.backendCpuSeconds / s.load.ok);
  const others = mean(samples.map((s) => s.othersOnApiCoreSeconds / s.load.durationSec));
  console.log('');
  for (const config of options.configs.filter((c) => c !== 'off')) {
    const ratio = avg(config, (s) => s.load.requestsPerSec) / offRate;
    const added = avg(config, (s) => s.load.latencyP99Ms) - offP99;
    const p99Target =
      config === 'on' || config === 'xray'
        ? ` (target < ${TARGET_P99_ADDED_MS} ms: ${verdict(added < TARGET_P99_ADDED_MS)})`
        : '';
    console.log(
      `${CONFIG_LABEL[config].padEnd(27)} throughput / off ${fmtRatio(ratio)} ` +
        `(target ≥ ${TARGET_RATIO}: ${verdict(ratio >= TARGET_RATIO)}); ` +
        `p99 added ${added >= 0 ? '+' : ''}${added.toFixed(2)} ms${p99Target}; ` +
        `API CPU/req off ÷ this ${fmtRatio(cpuPerRequest('off') / cpuPerRequest(config))}`,
    );
  }
  console.log(
    `(API CPU/req off ÷ this: the throughput ratio a saturated, uncontended API core would show.` +
      ` Other processes took ${(others * 100).toFixed(0)}% of CPU ${options.backendCpu} on average` +
      ` during the timed runs${others > 0.05 ? ': req/s and p99 are perturbed, rerun on a quiet machine' : ''}.)`,
  );
}

function telemetryCell(sample: Sample): string {
  const parts: string[] = [];
  if (sample.config !== 'off') {
    const t = sample.telemetry;
    parts.push(
      t === undefined
        ? 'no drops'
        : `${fmtInt(t.dropped)} dropped, ${fmtInt(t.exported)} exported${t.lastError ? ` (${t.lastError.slice(0, 40)})` : ''}`,
    );
  }
  if (sample.spansCounted !== undefined) {
    const requests = sample.warmup.ok + sample.load.ok;
    parts.push(
      `COUNT ${fmtInt(sample.spansCounted)} = ${(sample.spansCounted / requests).toFixed(1)}/req`,
    );
  }
  return parts.join(', ') || '-';
}
