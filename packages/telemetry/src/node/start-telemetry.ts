import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { AWSXRayIdGenerator } from '@opentelemetry/id-generator-aws-xray';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import {
  defaultResource,
  detectResources,
  hostDetector,
  processDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  ConsoleSpanExporter,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { BaggageAttributeSpanProcessor } from './baggage-attribute-span-processor.js';
import { BoundedBatchSpanProcessor } from './bounded-batch-span-processor.js';
import { DbSystemSpanProcessor } from './db-system-span-processor.js';
import { defaultInstrumentations } from './default-instrumentations.js';
import { startDropWarning, type TelemetryLogger } from './drop-warning.js';
import {
  type LogsAndErrors,
  type LogsAndErrorsHandle,
  startLogsAndErrors,
} from './logs-and-errors.js';
import { propagatorFromConfig } from './propagator-from-config.js';
import { registerEsmHook } from './register-esm-hook.js';
import { samplerFromConfig } from './sampler-from-config.js';
import { SpanCounters, type TelemetryStats } from './span-counters.js';
import {
  parseTelemetryConfig,
  type TelemetryConfig,
  type TelemetryConfigOptions,
} from './telemetry-config.js';
import { startXrayExport } from './xray/start-xray-export.js';

export interface StartTelemetryOptions extends TelemetryConfigOptions {
  /** Where to read `OTEL_*` and `HONEYCOMB_API_KEY` from; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
  /** Replaces `defaultInstrumentations()`; pass `[]` for manual spans only. */
  instrumentations?: Instrumentation[];
  /** Baggage entries copied onto every span (default `app.user_handle`). */
  baggageAttributes?: readonly string[];
  /** Extra processors that run next to the exporting ones (e.g. a future X-Ray exporter). */
  spanProcessors?: SpanProcessor[];
  /** Receives the periodic "dropped N spans" warning; `console` by default. */
  logger?: TelemetryLogger;
  /** How often at most the dropped-spans warning is logged; 10 s by default. */
  dropWarningIntervalMs?: number;
  /**
   * Install the import-in-the-middle loader hook so ESM imports get patched (default true when
   * there are instrumentations). Turn off when the process was started with the hook already.
   */
  registerEsmHook?: boolean;
}

/** What `startTelemetry` returns; none of its methods ever throws or rejects. */
export interface TelemetryHandle extends LogsAndErrorsHandle {
  readonly config: TelemetryConfig;
  /** Exports what is queued, waiting at most one export timeout per batch. */
  forceFlush(): Promise<void>;
  /** Flushes (bounded by the export timeout), then unregisters everything. Idempotent. */
  shutdown(): Promise<void>;
  stats(): TelemetryStats;
  /** The X-Ray export's own counts; undefined when X-Ray export is off. */
  xrayStats(): TelemetryStats | undefined;
}

type OtlpExporterOptions = NonNullable<ConstructorParameters<typeof OTLPTraceExporter>[0]>;

const defaultDropWarningIntervalMs = 10_000;
/** The signed-in user, put in baggage by the app, so instrumentation spans name the user too. */
const DEFAULT_BAGGAGE_ATTRIBUTES = ['app.user_handle'];

/**
 * Starts OpenTelemetry tracing for a Node process: resource, sampler and propagators from the
 * standard `OTEL_*` variables, HTTP/Express/pg/fetch auto-instrumentation, and OTLP/HTTP protobuf
 * export through a bounded queue that drops (and counts) rather than slows the app.
 * Call it before the app's modules are imported. Throws `TelemetryConfigError` on invalid
 * configuration; never throws afterwards.
 *
 * @example
 * // src/main.ts
 * import { startTelemetry } from '@cruddur/telemetry/node';
 * const telemetry = startTelemetry({ serviceName: 'cruddur-backend' });
 * const { startApp } = await import('./app.js'); // imported after: so express/pg get patched
 * process.on('SIGTERM', () => void telemetry.shutdown().then(() => process.exit(0)));
 */
export function startTelemetry(options: StartTelemetryOptions = {}): TelemetryHandle {
  const config = parseTelemetryConfig(options.env ?? process.env, options);
  const counters = new SpanCounters();
  // Detected once: spans and log records carry the same resource.
  const resource = config.disabled ? undefined : resourceFor(config);
  const logsAndErrors = startLogsAndErrors(config, {
    ...(resource === undefined ? {} : { resource }),
    warnings: options.logger ?? console,
    dropWarningIntervalMs: options.dropWarningIntervalMs ?? defaultDropWarningIntervalMs,
  });
  if (resource === undefined) return disabledHandle(config, counters, logsAndErrors);

  const logger = options.logger ?? console;
  const batchProcessors = exportersFor(config).map(
    (exporter) => new BoundedBatchSpanProcessor({ exporter, counters, ...config.batch }),
  );
  const xray =
    config.xray === undefined
      ? undefined
      : startXrayExport({
          xray: config.xray,
          batch: config.batch,
          logger,
          dropWarningIntervalMs: options.dropWarningIntervalMs ?? defaultDropWarningIntervalMs,
        });
  const processors: SpanProcessor[] = [
    new BaggageAttributeSpanProcessor(options.baggageAttributes ?? DEFAULT_BAGGAGE_ATTRIBUTES),
    new DbSystemSpanProcessor(),
    ...batchProcessors,
    ...(xray === undefined ? [] : [xray.processor]),
    ...(options.spanProcessors ?? []),
  ];
  const instrumentations = options.instrumentations ?? defaultInstrumentations();
  if (instrumentations.length > 0 && options.registerEsmHook !== false) registerEsmHook();

  const sdk = new NodeSDK({
    resource,
    autoDetectResources: false,
    sampler: samplerFromConfig(config.sampler),
    // Trace ids that start with epoch seconds are valid X-Ray ids too: one trace in both backends.
    idGenerator: new AWSXRayIdGenerator(),
    textMapPropagator: propagatorFromConfig(config.propagators),
    spanProcessors: processors,
    instrumentations,
    // Metrics are not wired yet and logs have their own pipeline (logs-and-errors.ts); without
    // these the SDK would start its own OTLP exporters from process.env, ignoring our rules.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  const dropWarning = startDropWarning({
    counters,
    intervalMs: options.dropWarningIntervalMs ?? defaultDropWarningIntervalMs,
    logger,
  });

  let shuttingDown: Promise<void> | undefined;
  return {
    config,
    async forceFlush() {
      await Promise.all([
        ...processors.map((p) => p.forceFlush().catch(() => undefined)),
        logsAndErrors.forceFlush(),
      ]);
    },
    shutdown() {
      shuttingDown ??= (async () => {
        // Side by side: each is bounded by its own flush limit, so a dead backend costs one wait.
        await Promise.all([
          sdk.shutdown().catch((error: unknown) => {
            safeWarn(logger, `[telemetry] shutdown failed: ${String(error)}`);
          }),
          logsAndErrors.shutdown(),
        ]);
        dropWarning.stop();
        xray?.stopWarning();
        for (const instrumentation of instrumentations) instrumentation.disable();
        // Unregistering lets a later startTelemetry (tests, restarts) register again.
        trace.disable();
        context.disable();
        propagation.disable();
      })();
      return shuttingDown;
    },
    stats() {
      return counters.snapshot(batchProcessors.reduce((sum, p) => sum + p.queued, 0));
    },
    xrayStats: () => xray?.stats(),
    ...logsAndErrors.handle,
  };
}

function exportersFor(config: TelemetryConfig): SpanExporter[] {
  const exporters: SpanExporter[] = [];
  if (config.exporters.includes('none')) return exporters;
  if (config.exporters.includes('otlp')) {
    exporters.push(
      new OTLPTraceExporter({
        url: config.otlp.url,
        headers: config.otlp.headers,
        timeoutMillis: config.otlp.timeoutMs,
        // The exporter types this as an enum of the same two strings, from a package we don't import.
        compression: config.otlp.compression as OtlpExporterOptions['compression'],
      }),
    );
  }
  if (config.exporters.includes('console')) exporters.push(new ConsoleSpanExporter());
  return exporters;
}

function resourceFor(config: TelemetryConfig) {
  return defaultResource()
    .merge(detectResources({ detectors: [processDetector, hostDetector] }))
    .merge(resourceFromAttributes(config.resourceAttributes));
}

function disabledHandle(
  config: TelemetryConfig,
  counters: SpanCounters,
  logsAndErrors: LogsAndErrors,
): TelemetryHandle {
  return {
    config,
    ...logsAndErrors.handle,
    forceFlush: () => logsAndErrors.forceFlush(),
    shutdown: () => logsAndErrors.shutdown(),
    stats: () => counters.snapshot(0),
    xrayStats: () => undefined,
  };
}

function safeWarn(logger: TelemetryLogger, message: string): void {
  try {
    logger.warn(message);
  } catch {
    // Telemetry never throws after start-up, not even through its logger.
  }
}
