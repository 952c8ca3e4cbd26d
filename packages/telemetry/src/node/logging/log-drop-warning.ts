import {
  type PeriodicWarning,
  startPeriodicWarning,
  type TelemetryLogger,
} from '../periodic-warning.js';
import type { LogShippingStats } from './log-shipping-counters.js';

/**
 * Logs one warning per interval when a log shipper dropped events during it. It writes to the
 * telemetry logger (stderr by default), never to the structured logger: a warning about lost
 * logs must not queue behind the very logs that are being lost.
 *
 * @example
 * const warning = startLogDropWarning({ name: 'CloudWatch Logs', stats: () => shipper.stats(),
 *   intervalMs: 10_000, logger: console });
 */
export function startLogDropWarning(options: {
  name: string;
  stats: () => LogShippingStats;
  intervalMs: number;
  logger: TelemetryLogger;
}): PeriodicWarning {
  let reported = options.stats().dropped;
  const compose = (): string | undefined => {
    const stats = options.stats();
    const since = stats.dropped - reported;
    reported = stats.dropped;
    if (since <= 0) return undefined;
    const reasons = Object.entries(stats.droppedByReason)
      .filter(([, count]) => count > 0)
      .map(([reason, count]) => `${reason}: ${count}`)
      .join(', ');
    const lastError = stats.lastError === undefined ? '' : `; last error: ${stats.lastError}`;
    return `[telemetry] ${options.name}: dropped ${since} log events; since start ${stats.dropped} dropped (${reasons}), ${stats.shipped} shipped${lastError}`;
  };
  return startPeriodicWarning({ intervalMs: options.intervalMs, logger: options.logger, compose });
}
