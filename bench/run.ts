import { parseArgs } from 'node:util';
import {
  APP_CONFIGS,
  type AppConfig,
  appOverheadBench,
} from './app-overhead/app-overhead-bench.js';
import { cloudWatchLogsBench } from './cloudwatch-logs/cloudwatch-logs-bench.js';
import { consoleBench } from './console/console-bench.js';
import { frontendBench } from './frontend/frontend-bench.js';
import { duckdbFloorBench } from './ingest/duckdb-floor-bench.js';
import { ingestBench } from './ingest/ingest-bench.js';
import { queryBench } from './query/query-bench.js';
import { rollbarBench } from './rollbar/rollbar-bench.js';
import { runCleanups } from './support/cleanup.js';
import { xrayUdpBench } from './xray/xray-udp-bench.js';

/**
 * `npm run bench [-- ingest|query|rss …] [--flags]`: runs the named benchmarks (by default ingest
 * and query).
 * Benchmarks are not tests: they print figures and ratios measured side by side in this run.
 */
const BENCHES = [
  'ingest',
  'duckdb-floor',
  'query',
  'rss',
  'app-overhead',
  'rollbar',
  'xray',
  'cloudwatch-logs',
  'console',
  'frontend',
] as const;
type BenchName = (typeof BENCHES)[number];

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      requests: { type: 'string', default: '1000' },
      warmup: { type: 'string', default: '50' },
      concurrency: { type: 'string', default: '8' },
      'in-flight': { type: 'string', default: '8,32' },
      rounds: { type: 'string', default: '2' },
      repetitions: { type: 'string', default: '5' },
      'target-cpu': { type: 'string', default: '0' },
      'client-cpu': { type: 'string', default: '1' },
      'server-cpu-prof': { type: 'boolean', default: false },
      slices: { type: 'string', default: '10' },
      processes: { type: 'string', default: '2' },
      'slice-duration': { type: 'string', default: '2' },
      'warmup-duration': { type: 'string', default: '3' },
      connections: { type: 'string', default: '1' },
      configs: { type: 'string', default: APP_CONFIGS.join(',') },
      'backend-cpu-prof': { type: 'boolean', default: false },
      'xray-step-seconds': { type: 'string', default: '3' },
      batches: { type: 'string', default: '30' },
      navigations: { type: 'string', default: '20' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage());
    return;
  }
  const unknown = positionals.filter((name) => !(BENCHES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}\n${usage()}`);
  const selected = (positionals.length > 0 ? positionals : ['ingest', 'query']) as BenchName[];

  if (selected.includes('ingest')) {
    await ingestBench({
      requests: Number(values.requests),
      warmup: Number(values.warmup),
      inFlight: values['in-flight'].split(',').map((n) => Number(n.trim())),
      slices: Number(values.slices),
      targetCpu: values['target-cpu'],
      clientCpu: values['client-cpu'],
      serverNodeArgs: values['server-cpu-prof']
        ? ['--cpu-prof', '--cpu-prof-dir=.bench/profiles']
        : [],
    });
  }
  if (selected.includes('duckdb-floor')) {
    await duckdbFloorBench({
      requests: Number(values.requests),
      slices: Number(values.slices),
      inFlight: Number(values['in-flight'].split(',')[0]),
      targetCpu: values['target-cpu'],
    });
  }
  if (selected.includes('query') || selected.includes('rss')) {
    await queryBench({
      rounds: Number(values.rounds),
      repetitions: Number(values.repetitions),
      reload: selected.includes('rss'),
      serverCpu: values['target-cpu'],
      clientCpu: values['client-cpu'],
      concurrency: Number(values.concurrency),
    });
  }
  if (selected.includes('xray')) {
    await xrayUdpBench({
      stepSeconds: Number(values['xray-step-seconds']),
      targetCpu: values['target-cpu'],
      clientCpu: values['client-cpu'],
    });
  }
  if (selected.includes('rollbar')) {
    await rollbarBench({
      requests: Number(values.requests),
      warmup: Number(values.warmup),
      concurrency: Number(values.concurrency),
      rounds: Number(values.rounds),
      targetCpu: values['target-cpu'],
    });
  }
  if (selected.includes('console')) {
    await consoleBench({ repetitions: Number(values.repetitions) });
  }
  if (selected.includes('frontend')) {
    await frontendBench({ navigations: Number(values.navigations), warmup: 2 });
  }
  if (selected.includes('cloudwatch-logs')) {
    await cloudWatchLogsBench({
      batches: Number(values.batches),
      warmup: 2,
      concurrency: Math.min(Number(values.concurrency), 4),
      rounds: Number(values.rounds),
      targetCpu: values['target-cpu'],
    });
  }
  if (selected.includes('app-overhead')) {
    const configs = values.configs.split(',').map((name) => name.trim());
    const bad = configs.filter((name) => !(APP_CONFIGS as readonly string[]).includes(name));
    if (bad.length > 0) throw new Error(`unknown --configs ${bad.join(', ')}\n${usage()}`);
    await appOverheadBench({
      configs: configs as AppConfig[],
      slices: Number(values.slices),
      sliceSec: Number(values['slice-duration']),
      processes: Number(values.processes),
      warmupSec: Number(values['warmup-duration']),
      connections: Number(values.connections),
      backendCpu: values['target-cpu'],
      clientCpu: values['client-cpu'],
      backendNodeArgs: values['backend-cpu-prof']
        ? ['--cpu-prof', '--cpu-prof-dir=.bench/profiles/app-overhead']
        : [],
    });
  }
}

function usage(): string {
  return `usage: npm run bench [-- ingest|query|rss ...] [--requests N] [--warmup N] [--concurrency N]
       [--in-flight LIST] [--rounds N] [--repetitions N] [--target-cpu LIST] [--client-cpu LIST] [--server-cpu-prof]
       [--slices N] [--slice-duration S] [--warmup-duration S] [--connections N] [--configs on,off,blackhole,refused,xray]
       [--processes N]
       [--backend-cpu-prof] [--xray-step-seconds S] [--batches N] [--navigations N]
  ingest  OTLP protobuf ingest vs the HTTP and decode ceilings (same payloads, same run): the three
          take turns on --target-cpu, --slices N each sharing --requests N, once per --in-flight level
  duckdb-floor  the store in process (no HTTP), decoding alone, inserting decoded rows alone and
          DuckDB alone (INSERT … SELECT of the same rows, all columns and the span columns only,
          as many commits) take turns on --target-cpu: where storing goes, and DuckDB's own share
  query   AVG/P99 by app.userId over 10M spans: API vs hand-written SQL on the same file
          (loads the 10M spans through the server first unless .bench/query-10m.duckdb exists)
  rss     loads the 10M spans afresh (server pinned like ingest), reports peak RSS, then queries
  app-overhead  GET /api/activities/home with telemetry on (→ local server, → black hole,
          → closed port; on + X-Ray segments to the server's daemon port) vs OTEL_SDK_DISABLED=true:
          req/s and p99 from autocannon, APIs on --target-cpu, autocannon + observability server on
          --client-cpu; --processes N APIs per configuration (default 2) take turns, --slices N
          of --slice-duration S each
  rollbar Rollbar items/s for one hot fingerprint (rollbar.js-shaped, own uuid each): server vs a
          sink that only parses the JSON, both on --target-cpu; checks the item's count
  xray    X-Ray daemon: UDP segments/s stored with zero loss (doubling, then bisecting; server on
          --target-cpu, sender on --client-cpu, --xray-step-seconds per rate), then the loss at
          twice that rate, next to a sink that only decodes
  cloudwatch-logs  PutLogEvents events/s at full 10,000-event batches vs OTLP/HTTP JSON logs of
          the same records, each on a fresh server on --target-cpu; --batches N per run
  console the observability console in Chromium (Performance API): a 2,000-span waterfall until
          it answers a click (beside a 20-span one); the query view over the 10M spans (beside the
          same query through the API alone); --repetitions N
  frontend  the web bundle with and without its telemetry module: gzip size, and navigation to
          the home feed rendered in Chromium on loopback (--navigations N each), ratio on/off
  default: ingest query`;
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .then(runCleanups)
  .catch((error: unknown) => console.error(error));
