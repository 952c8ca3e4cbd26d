import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { runLoad } from '../load/run-load.js';
import { writeTemplateFile } from '../payloads/template-file.js';
import { fmtBytes, fmtInt, verdict } from '../support/format.js';
import { startObservability } from '../support/observability-server.js';
import { benchPath } from '../support/paths.js';
import { sampleMemory } from '../support/process-stats.js';

export const TEN_MILLION = 10_000_000;
const PEAK_RSS_TARGET = 1.5 * 1024 ** 3;

/** What the load left next to the data file, so later runs can reuse it. */
export interface DatasetInfo {
  readonly path: string;
  readonly spans: number;
  readonly startSec: number;
  readonly endSec: number;
  readonly loadSeconds: number;
  readonly spansPerSecond: number;
  readonly peakRssBytes: number;
  readonly loadedAt: string;
  /** The store's table layout the file was written with (see `DATASET_LAYOUT`). */
  readonly layout?: string;
}

/**
 * Files loaded before spans and logs had tables of their own are loaded afresh: the hand-written
 * SQL reads `spans`, which only the server would create, and the direct runs open the file first.
 */
const DATASET_LAYOUT = 'spans and logs tables';

export function datasetPaths(): { data: string; info: string } {
  return { data: benchPath('query-10m.duckdb'), info: benchPath('query-10m.json') };
}

/** The stored 10M-span file if a previous run completed it. */
export function existingDataset(): DatasetInfo | undefined {
  const { data, info } = datasetPaths();
  if (!existsSync(data) || !existsSync(info)) return undefined;
  const dataset = JSON.parse(readFileSync(info, 'utf8')) as DatasetInfo;
  return dataset.layout === DATASET_LAYOUT ? dataset : undefined;
}

/**
 * Loads 10M spans through the real server's OTLP ingest path (pinned to `serverCpu`, the load
 * client on `clientCpu`) into `.bench/query-10m.duckdb`, sampling the server's RSS throughout;
 * the peak is VmHWM. Ends with the server stopped (committed and checkpointed).
 */
export async function loadDataset(options: {
  readonly serverCpu: string;
  readonly clientCpu: string;
  readonly concurrency: number;
}): Promise<DatasetInfo> {
  const { data, info } = datasetPaths();
  for (const file of [data, `${data}.wal`, info]) rmSync(file, { force: true });
  const { path: templates } = writeTemplateFile();
  const requests = Math.ceil(TEN_MILLION / 512);
  console.log(`   loading ${fmtInt(requests * 512)} spans through the server into ${data} …`);
  const server = await startObservability({ data, cpus: options.serverCpu });
  const memory = sampleMemory(server.child.pid);
  let peak = { maxRss: 0, peak: 0 };
  try {
    const load = await runLoad(
      {
        url: server.url,
        templates,
        requests,
        warmup: 0,
        concurrency: options.concurrency,
        firstRequest: 0,
      },
      options.clientCpu,
    );
    peak = memory.stop();
    if (load.acked !== requests) {
      throw new Error(
        `only ${load.acked} of ${requests} requests acknowledged: ${JSON.stringify(load.statuses)}`,
      );
    }
    const dataset: DatasetInfo = {
      path: data,
      spans: load.spansAcked,
      startSec: Math.floor(Number(BigInt(load.firstStartNanos) / 1_000_000_000n)) - 5,
      endSec: Math.ceil(Number(BigInt(load.lastStartNanos) / 1_000_000_000n)) + 60,
      loadSeconds: load.elapsedMs / 1000,
      spansPerSecond: load.spansAcked / (load.elapsedMs / 1000),
      peakRssBytes: Math.max(peak.peak, peak.maxRss),
      loadedAt: new Date().toISOString(),
      layout: DATASET_LAYOUT,
    };
    await server.child.stop();
    writeFileSync(info, JSON.stringify(dataset, null, 2));
    return dataset;
  } finally {
    memory.stop();
    await server.child.stop();
  }
}

export function printLoad(dataset: DatasetInfo, fresh: boolean): void {
  const when = fresh ? 'this run' : `reused, loaded ${dataset.loadedAt}`;
  console.log(
    `   10M load (${when}): ${fmtInt(dataset.spans)} spans in ${dataset.loadSeconds.toFixed(1)} s = ` +
      `${fmtInt(dataset.spansPerSecond)} spans/s`,
  );
  console.log(
    `   peak RSS of the server while ingesting: ${fmtBytes(dataset.peakRssBytes)} ` +
      `(target < 1.5 GiB: ${verdict(dataset.peakRssBytes < PEAK_RSS_TARGET)})`,
  );
}
