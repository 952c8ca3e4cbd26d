/**
 * Where a serialized log record goes besides stdout. `write` receives one JSON line (pino's
 * output, newline included) on the logging call's own stack, so it must only queue, never wait,
 * and never throw.
 */
export interface LogSink {
  write(line: string): void;
}
