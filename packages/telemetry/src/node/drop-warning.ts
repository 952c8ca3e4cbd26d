import {
  type PeriodicWarning,
  startPeriodicWarning,
  type TelemetryLogger,
} from './periodic-warning.js';
import type { DropReason, SpanCounters } from './span-counters.js';

export type { TelemetryLogger } from './periodic-warning.js';
export type DropWarning = PeriodicWarning;

/**
 * Logs one warning per interval when spans were dropped during it, never one per span: a dead
 * backend must not turn into a flood of log lines on the request path.
 *
 * @example
 * const warning = startDropWarning({ counters, intervalMs: 10_000, logger: console });
 * // … later
 * warning.stop();
 */
export function startDropWarning(options: {
  counters: SpanCounters;
  intervalMs: number;
  logger: TelemetryLogger;
}): DropWarning {
  const { counters, intervalMs, logger } = options;
  let reported = { ...counters.droppedByReason };

  const compose = (): string | undefined => {
    const now = { ...counters.droppedByReason };
    const since = (Object.keys(now) as DropReason[])
      .map((reason) => [reason, now[reason] - reported[reason]] as const)
      .filter(([, count]) => count > 0);
    reported = now;
    if (since.length === 0) return undefined;
    const total = since.reduce((sum, [, count]) => sum + count, 0);
    const reasons = since.map(([reason, count]) => `${reason}: ${count}`).join(', ');
    const lastError =
      counters.lastExportError === undefined
        ? ''
        : `; last export error: ${counters.lastExportError}`;
    return `[telemetry] dropped ${total} spans (${reasons}); ${counters.dropped} dropped and ${counters.exported} exported since start${lastError}`;
  };

  return startPeriodicWarning({ intervalMs, logger, compose });
}
