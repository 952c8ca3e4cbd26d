import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import type { Resource } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import type { TelemetryLogger } from '../drop-warning.js';
import { withDeadline } from '../with-deadline.js';
import { CloudWatchLogShipper } from './cloudwatch/cloudwatch-log-shipper.js';
import { logStreamName } from './cloudwatch/log-stream-name.js';
import { createLogger, type Logger } from './create-logger.js';
import { startLogDropWarning } from './log-drop-warning.js';
import type { LogShippingStats } from './log-shipping-counters.js';
import type { LogSink } from './log-sink.js';
import type { LoggingConfig } from './logging-config.js';
import { OtlpLogSink } from './otlp-log-sink.js';

export interface StartLoggingOptions {
  config: LoggingConfig;
  serviceName: string;
  /** The resource the OTLP log records carry (the same one as the spans). */
  resource?: Resource;
  /** Receives the periodic "dropped N log events" warning. */
  warnings: TelemetryLogger;
  dropWarningIntervalMs: number;
}

/** The running logging pipeline; none of its methods ever throws or rejects. */
export interface LoggingHandle {
  readonly logger: Logger;
  /** Where CloudWatch events go (`undefined` when CloudWatch shipping is off). */
  readonly cloudWatch: { logGroupName: string; logStreamName: string } | undefined;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
  /** The CloudWatch shipper's counts, when it runs. */
  cloudWatchStats(): LogShippingStats | undefined;
}

type OtlpLogExporterOptions = NonNullable<ConstructorParameters<typeof OTLPLogExporter>[0]>;

/** The longest shutdown waits for the OTLP log exporter, as for spans. */
const SHUTDOWN_LIMIT_MS = 5_000;

/**
 * Builds the structured logger and its export pipeline from the configuration: stdout always,
 * OTLP logs through a batch processor, CloudWatch Logs through a bounded shipper. Neither
 * exporter is created when its name is missing from `config.exporters`.
 *
 * @example
 * const logging = startLogging({ config: loggingConfig(env), serviceName: 'cruddur-backend',
 *   warnings: console, dropWarningIntervalMs: 10_000 });
 * logging.logger.info('ready');
 * await logging.shutdown();
 */
export function startLogging(options: StartLoggingOptions): LoggingHandle {
  const { config, serviceName } = options;
  const sinks: LogSink[] = [];

  let provider: LoggerProvider | undefined;
  let otlpSink: OtlpLogSink | undefined;
  if (config.exporters.includes('otlp')) {
    const exporter = new OTLPLogExporter({
      url: config.otlp.url,
      headers: config.otlp.headers,
      timeoutMillis: config.otlp.timeoutMs,
      compression: config.otlp.compression as OtlpLogExporterOptions['compression'],
    });
    provider = new LoggerProvider({
      ...(options.resource === undefined ? {} : { resource: options.resource }),
      processors: [
        new BatchLogRecordProcessor({
          exporter,
          scheduledDelayMillis: config.batch.scheduledDelayMs,
          exportTimeoutMillis: config.batch.exportTimeoutMs,
          maxQueueSize: config.batch.maxQueueSize,
          maxExportBatchSize: config.batch.maxExportBatchSize,
        }),
      ],
    });
    otlpSink = new OtlpLogSink(provider.getLogger('@cruddur/telemetry'), config.batch.maxQueueSize);
    sinks.push(otlpSink);
  }

  let shipper: CloudWatchLogShipper | undefined;
  let cloudWatch: LoggingHandle['cloudWatch'];
  if (config.exporters.includes('cloudwatch')) {
    const destination = config.cloudwatch;
    const client = new CloudWatchLogsClient({
      region: destination.region,
      ...(destination.endpoint === undefined ? {} : { endpoint: destination.endpoint }),
      ...(destination.credentials === undefined ? {} : { credentials: destination.credentials }),
      // The shipper retries throttling itself, counting each retry and never blocking a batch
      // behind the SDK's own back-off.
      maxAttempts: 1,
    });
    cloudWatch = {
      logGroupName: destination.logGroupName,
      logStreamName: logStreamName(serviceName),
    };
    const cloudWatchShipper = new CloudWatchLogShipper({
      client,
      ...cloudWatch,
      flushIntervalMs: config.batch.scheduledDelayMs,
      sendTimeoutMs: config.batch.exportTimeoutMs,
    });
    shipper = cloudWatchShipper;
    sinks.push({
      write: (line) => cloudWatchShipper.add(line.endsWith('\n') ? line.slice(0, -1) : line),
    });
  }

  const logger = createLogger({
    level: config.level,
    format: config.format,
    base: { service: serviceName },
    sinks,
  });
  const dropWarning =
    shipper === undefined
      ? undefined
      : startLogDropWarning({
          name: 'CloudWatch Logs',
          stats: () => shipper.stats(),
          intervalMs: options.dropWarningIntervalMs,
          logger: options.warnings,
        });

  let shuttingDown: Promise<void> | undefined;
  return {
    logger,
    cloudWatch,
    async forceFlush() {
      otlpSink?.drain();
      await Promise.all([shipper?.forceFlush(), provider?.forceFlush().catch(() => undefined)]);
    },
    shutdown() {
      shuttingDown ??= (async () => {
        otlpSink?.drain();
        await Promise.all([
          shipper?.shutdown(),
          provider === undefined
            ? undefined
            : withDeadline(
                provider.shutdown().catch(() => undefined),
                Date.now() + SHUTDOWN_LIMIT_MS,
              ),
        ]);
        dropWarning?.stop();
        logger.flush();
      })();
      return shuttingDown;
    },
    cloudWatchStats: () => shipper?.stats(),
  };
}
