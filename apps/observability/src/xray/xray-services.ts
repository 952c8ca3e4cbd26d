import type { TelemetryStore } from '../store/telemetry-store.js';
import { XraySettingsStore } from '../store/xray-settings-store.js';
import { type PipelineOptions, XrayIngestPipeline } from '../xray-daemon/xray-ingest-pipeline.js';
import { SamplingService } from './sampling-service.js';

/** What the X-Ray API and the daemon share: one ingest pipeline, one settings store. */
export interface XrayServices {
  readonly store: TelemetryStore;
  readonly pipeline: XrayIngestPipeline;
  readonly settings: XraySettingsStore;
  readonly sampling: SamplingService;
}

export async function openXrayServices(
  store: TelemetryStore,
  options: { readonly pipeline?: PipelineOptions; readonly now?: () => number } = {},
): Promise<XrayServices> {
  const now = options.now ?? Date.now;
  const settings = await XraySettingsStore.open(store);
  return {
    store,
    pipeline: new XrayIngestPipeline(store, options.pipeline, now),
    settings,
    sampling: new SamplingService(settings, Math.floor(now() / 1000)),
  };
}

/** The daemon's counters and the SDKs' sampling polls, for `/health`. */
export function xrayHealth(services: XrayServices): Record<string, unknown> {
  return {
    ...services.pipeline.health(),
    samplingPolls: { ...services.sampling.polls },
    samplingStatistics: services.sampling.statisticsTotals(),
  };
}
