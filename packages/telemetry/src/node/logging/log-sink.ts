import type { Logger } from 'pino';

/**
 * What pino knew about a record before it serialized it: enough for a sink to build its own
 * record without parsing the line back.
 */
export interface LogEntry {
  /** pino's level number (30 = info). */
  level: number;
  /** The logging call's fields merged with the mixin's (`trace_id`, …): not serialized, not copied. */
  fields: object;
  msg: string | undefined;
  /** The logger that wrote the record: its `base` fields and child bindings. */
  logger: Logger;
}

/**
 * Where a serialized log record goes besides stdout. `write` receives one JSON line (pino's
 * output, newline included) and, from the app's logger, what pino knew before serializing it, on
 * the logging call's own stack, so it must only queue, never wait, and never throw.
 */
export interface LogSink {
  write(line: string, entry?: LogEntry): void;
}
