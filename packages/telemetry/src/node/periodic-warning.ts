/** Where telemetry reports its own trouble; `console` by default. */
export interface TelemetryLogger {
  warn(message: string): void;
}

export interface PeriodicWarning {
  /** Reports what is not yet reported, then stops the timer. */
  stop(): void;
}

/**
 * Asks `compose` once per interval (and once more on stop) for a warning about what happened
 * since the last one, and logs it when there is one: trouble is summed up per interval, never
 * logged per event, so a dead backend cannot flood the log. The timer never keeps the process
 * alive, and a logger that throws is ignored rather than taking the app down.
 *
 * @example
 * const warning = startPeriodicWarning({ intervalMs: 10_000, logger: console,
 *   compose: () => (lost > 0 ? `[telemetry] lost ${lost}` : undefined) });
 */
export function startPeriodicWarning(options: {
  intervalMs: number;
  logger: TelemetryLogger;
  compose: () => string | undefined;
}): PeriodicWarning {
  const report = (): void => {
    const message = options.compose();
    if (message === undefined) return;
    try {
      options.logger.warn(message);
    } catch {
      // A broken logger must not take telemetry (or the app) down with it.
    }
  };
  const timer = setInterval(report, options.intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      report();
    },
  };
}
