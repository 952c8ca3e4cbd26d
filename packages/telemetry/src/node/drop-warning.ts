import type { DropReason, SpanCounters } from './span-counters.js';

/** Where telemetry reports its own trouble; `console` by default. */
export interface TelemetryLogger {
  warn(message: string): void;
}

export interface DropWarning {
  /** Reports drops not yet reported, then stops the timer. */
  stop(): void;
}

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

  const report = (): void => {
    const now = { ...counters.droppedByReason };
    const since = (Object.keys(now) as DropReason[])
      .map((reason) => [reason, now[reason] - reported[reason]] as const)
      .filter(([, count]) => count > 0);
    reported = now;
    if (since.length === 0) return;
    const total = since.reduce((sum, [, count]) => sum + count, 0);
    const reasons = since.map(([reason, count]) => `${reason}: ${count}`).join(', ');
    const lastError =
      counters.lastExportError === undefined
        ? ''
        : `; last export error: ${counters.lastExportError}`;
    try {
      logger.warn(
        `[telemetry] dropped ${total} spans (${reasons}); ${counters.dropped} dropped and ${counters.exported} exported since start${lastError}`,
      );
    } catch {
      // A broken logger must not take telemetry (or the app) down with it.
    }
  };

  const timer = setInterval(report, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      report();
    },
  };
}
