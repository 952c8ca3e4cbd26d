import { rmSync } from 'node:fs';
import { Child, tsxArgs } from '../support/child-process.js';
import { fmtInt, fmtRatio, printTable } from '../support/format.js';
import { startObservability } from '../support/observability-server.js';
import { benchPath, benchScript } from '../support/paths.js';

export interface XrayUdpBenchOptions {
  /** Seconds each offered rate is held. */
  readonly stepSeconds: number;
  readonly targetCpu: string;
  readonly clientCpu: string;
}

interface UdpTarget {
  readonly label: string;
  readonly udpPort: number;
  /** Datagrams the target has taken in: committed (server) or decoded (sink). */
  taken(): Promise<number>;
  /** Nothing received is still waiting to be taken in (the server's commits have caught up). */
  idle(): Promise<boolean>;
  stop(): Promise<void>;
}

interface Step {
  readonly offered: number;
  readonly sent: number;
  readonly achievedPerS: number;
  readonly taken: number;
  readonly loss: number;
}

const START_RATE = 1_000;
const MAX_RATE = 400_000;
const BISECTIONS = 3;
let senderRun = 0;

/**
 * X-Ray daemon: the highest rate of UDP segment datagrams (one Express segment with a subsegment
 * each) stored with zero loss, found by doubling then bisecting; then the loss at that rate and at
 * twice it, for the server and for a sink that only decodes (same socket options), side by side.
 */
export async function xrayUdpBench(options: XrayUdpBenchOptions): Promise<void> {
  console.log(
    `\n== x-ray udp: ${options.stepSeconds} s per rate; server/sink on CPU ${options.targetCpu}, ` +
      `sender on CPU ${options.clientCpu}`,
  );
  const zeroLoss = await withServer(options, (server) => searchZeroLoss(server, options));
  if (zeroLoss === 0) {
    console.log(`   loss even at ${fmtInt(START_RATE)} datagrams/s: nothing to compare`);
    return;
  }
  // Fresh, warmed-up targets for the comparison: the search left its server with the backlog of
  // its overloaded steps.
  console.log(
    `   comparing at ${fmtInt(zeroLoss)}/s and ${fmtInt(zeroLoss * 2)}/s on fresh targets`,
  );
  const atRates = await withServer(options, (server) => comparison(server, zeroLoss, options));
  const sink = await startSinkTarget(options.targetCpu);
  let sinkSteps: Step[];
  try {
    sinkSteps = await comparison(sink, zeroLoss, options);
  } finally {
    await sink.stop();
  }
  console.log('');
  printTable(
    ['target', 'offered/s', 'sent/s', 'taken in/s', 'loss'],
    [
      ...atRates.map((s) => row('server (stored)', s, options)),
      ...sinkSteps.map((s) => row('decode-only sink', s, options)),
    ],
  );
  const [serverAt2, sinkAt2] = [atRates[1]!, sinkSteps[1]!];
  console.log(
    `\n   zero-loss rate: ${fmtInt(zeroLoss)} segments/s stored` +
      `\n   at 2× (${fmtInt(zeroLoss * 2)}/s offered): server loses ${(serverAt2.loss * 100).toFixed(2)} %, ` +
      `decode-only sink ${(sinkAt2.loss * 100).toFixed(2)} %; server stores ` +
      `${fmtRatio(serverAt2.taken / Math.max(1, sinkAt2.taken))} of what the sink decodes`,
  );
}

async function withServer<T>(
  options: XrayUdpBenchOptions,
  run: (server: UdpTarget) => Promise<T>,
): Promise<T> {
  const data = benchPath('xray', `udp-${process.pid}.duckdb`);
  const server = await startServerTarget(data, options.targetCpu);
  try {
    return await run(server);
  } finally {
    await server.stop();
    rmSync(data, { force: true });
    rmSync(`${data}.wal`, { force: true });
  }
}

/** A step at half the rate to reach steady state (JIT, table growth), then the two measured rates. */
async function comparison(
  target: UdpTarget,
  rate: number,
  options: XrayUdpBenchOptions,
): Promise<Step[]> {
  await step(target, Math.max(START_RATE, Math.round(rate / 2)), options);
  const steps = [await step(target, rate, options), await step(target, rate * 2, options)];
  for (const s of steps) log(target, s);
  return steps;
}

async function searchZeroLoss(target: UdpTarget, options: XrayUdpBenchOptions): Promise<number> {
  let good = 0;
  let bad: number | undefined;
  for (let rate = START_RATE; rate <= MAX_RATE; rate *= 2) {
    const verdict = await holds(target, rate, options);
    if (verdict === 'sender-bound') {
      console.log(`   the sender cannot offer ${fmtInt(rate)}/s on one core: search stops there`);
    }
    if (verdict !== 'zero-loss') {
      bad = rate;
      break;
    }
    good = rate;
  }
  for (let i = 0; i < BISECTIONS && bad !== undefined && good > 0; i++) {
    const rate = Math.round((good + bad) / 2);
    if ((await holds(target, rate, options)) === 'zero-loss') good = rate;
    else bad = rate;
  }
  return good;
}

/**
 * Whether `rate` is stored without loss. A lossy step is run once more before it counts: on a
 * shared machine one burst of someone else's work can cost a step its zero.
 */
async function holds(
  target: UdpTarget,
  rate: number,
  options: XrayUdpBenchOptions,
): Promise<'zero-loss' | 'lossy' | 'sender-bound'> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const result = await step(target, rate, options);
    log(target, result);
    if (result.achievedPerS < rate * 0.95) return 'sender-bound';
    if (result.loss === 0) return 'zero-loss';
  }
  return 'lossy';
}

async function step(target: UdpTarget, rate: number, options: XrayUdpBenchOptions): Promise<Step> {
  const before = await target.taken();
  const sender = new Child({
    name: 'x-ray udp sender',
    cpus: options.clientCpu,
    command: process.execPath,
    args: tsxArgs(benchScript('xray/udp-sender.ts'), [
      '--port',
      String(target.udpPort),
      '--rate',
      String(rate),
      '--seconds',
      String(options.stepSeconds),
      '--prefix',
      String(++senderRun),
    ]),
  });
  const { sent, elapsedMs } = JSON.parse((await sender.done()).trim()) as {
    sent: number;
    elapsedMs: number;
  };
  const taken = (await settle(target, before + sent)) - before;
  return {
    offered: rate,
    sent,
    achievedPerS: sent / (elapsedMs / 1000),
    taken,
    loss: Math.max(0, 1 - taken / sent),
  };
}

/**
 * Waits until everything sent is taken in, or the target is idle and its count has not moved for
 * a second: what is missing then was lost, not merely late.
 */
async function settle(target: UdpTarget, expected: number): Promise<number> {
  let last = -1;
  let still = 0;
  for (;;) {
    const now = await target.taken();
    if (now >= expected) return now;
    still = now === last ? still + 1 : 0;
    if (still >= 10 && (await target.idle())) return now;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function log(target: UdpTarget, s: Step): void {
  console.log(
    `   ${target.label.padEnd(16)} offered ${fmtInt(s.offered).padStart(8)}/s  sent ${fmtInt(s.achievedPerS).padStart(8)}/s` +
      `  taken ${fmtInt(s.taken).padStart(9)} of ${fmtInt(s.sent)}  loss ${(s.loss * 100).toFixed(2)} %`,
  );
}

function row(label: string, s: Step, options: XrayUdpBenchOptions): string[] {
  return [
    label,
    fmtInt(s.offered),
    fmtInt(s.achievedPerS),
    fmtInt(s.taken / options.stepSeconds),
    `${(s.loss * 100).toFixed(2)} %`,
  ];
}

async function startServerTarget(data: string, cpus: string): Promise<UdpTarget> {
  const server = await startObservability({ data, cpus });
  const match = await server.child.waitForOutput(/X-Ray daemon\s+udp:\S+?:(\d+)/);
  const health = async () =>
    (
      (await (await fetch(`${server.url}/health`)).json()) as {
        xray: {
          received: number;
          storedDocuments: number;
          dropped: number;
          heldInProgress: number;
          heldOrphans: number;
        };
      }
    ).xray;
  return {
    label: 'server',
    udpPort: Number(match[1]),
    async taken() {
      return (await health()).storedDocuments;
    },
    async idle() {
      const now = await health();
      return (
        now.storedDocuments + now.dropped + now.heldInProgress + now.heldOrphans >= now.received
      );
    },
    stop: () => server.child.stop().then(() => undefined),
  };
}

async function startSinkTarget(cpus: string): Promise<UdpTarget> {
  const child = new Child({
    name: 'x-ray decode sink',
    cpus,
    command: process.execPath,
    args: tsxArgs(benchScript('xray/udp-decode-sink.ts'), []),
    stopTimeoutMs: 5_000,
  });
  const match = await child.waitForOutput(/sink udp:(\d+) (http:\/\/\S+)/);
  return {
    label: 'decode sink',
    udpPort: Number(match[1]),
    async taken() {
      return ((await (await fetch(match[2]!)).json()) as { decoded: number }).decoded;
    },
    idle: () => Promise.resolve(true),
    stop: () => child.stop().then(() => undefined),
  };
}
