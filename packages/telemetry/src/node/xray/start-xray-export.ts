import { BoundedBatchSpanProcessor } from '../bounded-batch-span-processor.js';
import { startDropWarning, type TelemetryLogger } from '../drop-warning.js';
import { SpanCounters, type TelemetryStats } from '../span-counters.js';
import type { TelemetryConfig } from '../telemetry-config.js';
import type { XrayConfig } from './xray-config.js';
import { XraySpanExporter } from './xray-span-exporter.js';

/** The running X-Ray export: a processor to register, its own counts, and its drop warning. */
export interface XrayExport {
  readonly processor: BoundedBatchSpanProcessor;
  stats(): TelemetryStats;
  /** Stops the drop warning (after the processor has shut down, so its last drops are logged). */
  stopWarning(): void;
}

/**
 * Starts X-Ray segment export behind its own bounded queue, so a slow OTLP backend and the X-Ray
 * daemon never hold each other up, with counts and warnings of its own ("[telemetry] X-Ray: …").
 *
 * @example
 * const xray = startXrayExport({ xray: config.xray, batch: config.batch, logger: console, dropWarningIntervalMs: 10_000 });
 * new NodeSDK({ spanProcessors: [xray.processor] });
 */
export function startXrayExport(options: {
  xray: XrayConfig;
  batch: TelemetryConfig['batch'];
  logger: TelemetryLogger;
  dropWarningIntervalMs: number;
}): XrayExport {
  const counters = new SpanCounters();
  const exporter = new XraySpanExporter({
    daemon: options.xray.daemon.udp,
    annotationKeys: options.xray.annotationKeys,
    dynamicNamingPattern: options.xray.dynamicNamingPattern,
  });
  const processor = new BoundedBatchSpanProcessor({ exporter, counters, ...options.batch });
  const { logger } = options;
  const warning = startDropWarning({
    counters,
    intervalMs: options.dropWarningIntervalMs,
    logger: {
      warn: (message) => logger.warn(message.replace('[telemetry]', '[telemetry] X-Ray:')),
    },
  });
  return {
    processor,
    stats: () => counters.snapshot(processor.queued),
    stopWarning: () => warning.stop(),
  };
}
