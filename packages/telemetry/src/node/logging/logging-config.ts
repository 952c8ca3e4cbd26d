import { honeycombApiEndpoint, signalUrl, withHoneycombTeam } from '../otlp-destination.js';
import type { TelemetryEnv } from '../telemetry-env-schema.js';
import type { LogExporterName, LoggingEnv, LogLevel } from './logging-env.js';

/** The observability server `npm start` runs, which speaks OTLP and CloudWatch Logs alike. */
export const localObservabilityUrl = 'http://127.0.0.1:4318';

/** Where CloudWatch Logs calls go and which rule chose it. */
export interface CloudWatchDestination {
  logGroupName: string;
  region: string;
  /** Undefined: the AWS SDK's own endpoint for the region. */
  endpoint: string | undefined;
  /** Placeholder keys for an endpoint without AWS credentials; undefined: the SDK's chain. */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  chosenBy: 'cloudwatch-logs-endpoint' | 'aws-endpoint' | 'aws-credentials' | 'local-default';
}

/** Everything the logging pipeline needs, validated once at start-up. */
export interface LoggingConfig {
  level: LogLevel;
  /** Undefined: pretty when stdout is a terminal, JSON otherwise. */
  format: 'json' | 'pretty' | undefined;
  /** Export destinations besides stdout; empty when telemetry is disabled. */
  exporters: Exclude<LogExporterName, 'none'>[];
  otlp: {
    url: string;
    headers: Record<string, string>;
    timeoutMs: number;
    compression: 'gzip' | 'none' | undefined;
  };
  batch: {
    scheduledDelayMs: number;
    exportTimeoutMs: number;
    maxQueueSize: number;
    maxExportBatchSize: number;
  };
  cloudwatch: CloudWatchDestination;
}

type Env = LoggingEnv &
  Pick<
    TelemetryEnv,
    | 'OTEL_SDK_DISABLED'
    | 'OTEL_EXPORTER_OTLP_ENDPOINT'
    | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'
    | 'OTEL_EXPORTER_OTLP_HEADERS'
    | 'OTEL_EXPORTER_OTLP_TIMEOUT'
    | 'OTEL_EXPORTER_OTLP_COMPRESSION'
    | 'HONEYCOMB_API_KEY'
    | 'HONEYCOMB_API_ENDPOINT'
  >;

/**
 * Derives the logging configuration from the parsed environment. `OTEL_SDK_DISABLED=true` leaves
 * stdout only; otherwise logs go over OTLP wherever traces go and to CloudWatch Logs.
 *
 * @example
 * loggingConfig(parsedEnv).cloudwatch.logGroupName; // 'cruddur' unless CLOUDWATCH_LOG_GROUP is set
 */
export function loggingConfig(e: Env): LoggingConfig {
  const exporters =
    e.OTEL_SDK_DISABLED || e.OTEL_LOGS_EXPORTER.includes('none')
      ? []
      : e.OTEL_LOGS_EXPORTER.filter((name) => name !== 'none');
  return {
    level: e.LOG_LEVEL,
    format: e.LOG_FORMAT,
    exporters,
    otlp: {
      ...otlpLogsDestination(e),
      timeoutMs: e.OTEL_EXPORTER_OTLP_LOGS_TIMEOUT ?? e.OTEL_EXPORTER_OTLP_TIMEOUT,
      compression: e.OTEL_EXPORTER_OTLP_COMPRESSION,
    },
    batch: {
      scheduledDelayMs: e.OTEL_BLRP_SCHEDULE_DELAY,
      exportTimeoutMs: e.OTEL_BLRP_EXPORT_TIMEOUT,
      maxQueueSize: e.OTEL_BLRP_MAX_QUEUE_SIZE,
      maxExportBatchSize: Math.min(e.OTEL_BLRP_MAX_EXPORT_BATCH_SIZE, e.OTEL_BLRP_MAX_QUEUE_SIZE),
    },
    cloudwatch: cloudWatchDestination(e),
  };
}

/**
 * The same rule as for traces: a logs endpoint is used as-is, a generic one gets `v1/logs`, a
 * Honeycomb key sends to Honeycomb, a traces-only endpoint lends its host; else the local server.
 */
function otlpLogsDestination(e: Env): { url: string; headers: Record<string, string> } {
  const headers = { ...e.OTEL_EXPORTER_OTLP_HEADERS, ...e.OTEL_EXPORTER_OTLP_LOGS_HEADERS };
  if (e.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT !== undefined) {
    return { url: new URL(e.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT).href, headers };
  }
  if (e.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined) {
    return { url: logsUrl(e.OTEL_EXPORTER_OTLP_ENDPOINT), headers };
  }
  if (e.HONEYCOMB_API_KEY !== undefined) {
    return {
      url: logsUrl(e.HONEYCOMB_API_ENDPOINT ?? honeycombApiEndpoint),
      headers: withHoneycombTeam(headers, e.HONEYCOMB_API_KEY),
    };
  }
  if (e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined) {
    const traces = new URL(e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
    const base = traces.pathname.endsWith('/v1/traces')
      ? `${traces.origin}${traces.pathname.slice(0, -'v1/traces'.length)}`
      : traces.origin;
    return { url: logsUrl(base), headers };
  }
  return { url: logsUrl(localObservabilityUrl), headers };
}

function logsUrl(base: string): string {
  return signalUrl(base, 'logs');
}

/**
 * An endpoint override wins (the AWS SDK's own variables); otherwise configured AWS credentials
 * mean real CloudWatch Logs; otherwise the local server. Credentials are "configured" when the
 * environment names them (keys, profile, web identity, container role); instance roles are not
 * probed, so set `AWS_REGION` and an endpoint or keys explicitly on EC2.
 */
function cloudWatchDestination(e: Env): CloudWatchDestination {
  const logGroupName = e.CLOUDWATCH_LOG_GROUP;
  const hasCredentials = [
    e.AWS_ACCESS_KEY_ID,
    e.AWS_PROFILE,
    e.AWS_WEB_IDENTITY_TOKEN_FILE,
    e.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI,
    e.AWS_CONTAINER_CREDENTIALS_FULL_URI,
  ].some((value) => value !== undefined);
  const region = e.AWS_REGION ?? e.AWS_DEFAULT_REGION ?? 'us-east-1';
  // The local server ignores signatures; the SDK insists on some keys to sign with.
  const placeholder = hasCredentials
    ? undefined
    : { accessKeyId: 'cruddur-local', secretAccessKey: 'cruddur-local' };
  const endpoint = e.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS ?? e.AWS_ENDPOINT_URL;
  if (endpoint !== undefined) {
    return {
      logGroupName,
      region,
      endpoint,
      credentials: placeholder,
      chosenBy:
        e.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS === undefined
          ? 'aws-endpoint'
          : 'cloudwatch-logs-endpoint',
    };
  }
  if (hasCredentials) {
    return {
      logGroupName,
      region,
      endpoint: undefined,
      credentials: undefined,
      chosenBy: 'aws-credentials',
    };
  }
  return {
    logGroupName,
    region,
    endpoint: localObservabilityUrl,
    credentials: placeholder,
    chosenBy: 'local-default',
  };
}
