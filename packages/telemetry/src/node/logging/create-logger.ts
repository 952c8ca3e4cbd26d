import { hostname } from 'node:os';
import { type DestinationStream, type Logger, pino, type StreamEntry } from 'pino';
import pretty from 'pino-pretty';
import type { LogEntry, LogSink } from './log-sink.js';
import type { LogLevel } from './logging-env.js';
import { traceMixin } from './trace-mixin.js';

export type { Logger } from 'pino';

export interface CreateLoggerOptions {
  /** `info` by default. */
  level?: LogLevel;
  /** Undefined: pretty when stdout is a terminal, JSON lines otherwise. */
  format?: 'json' | 'pretty' | undefined;
  /** Fields on every record, e.g. `{ service: 'cruddur-backend' }`; pid and hostname are kept. */
  base?: Record<string, unknown>;
  /** Export destinations that receive every record as a JSON line (OTLP, CloudWatch). */
  sinks?: readonly LogSink[];
  /** Replaces stdout (tests capture records with it). */
  destination?: DestinationStream;
}

/**
 * The one structured logger: pino with ISO `time`, `level` as a name, the active span's
 * `trace_id`/`span_id` on every record, written to stdout (pretty in a terminal, JSON otherwise)
 * and handed as the same JSON line to every sink.
 *
 * @example
 * const logger = createLogger({ base: { service: 'cruddur-backend' } });
 * logger.info({ handle: 'andrewbrown' }, 'signed in');
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const stdout = options.destination ?? stdoutDestination(options.format);
  const sinks = options.sinks ?? [];
  const destination =
    sinks.length === 0 || level === 'silent'
      ? stdout
      : pino.multistream([
          { level, stream: stdout },
          { level, stream: fanOut(sinks) },
        ] satisfies StreamEntry[]);
  return pino(
    {
      level,
      base: { pid: process.pid, hostname: hostname(), ...options.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: traceMixin,
    },
    destination,
  );
}

function stdoutDestination(format: 'json' | 'pretty' | undefined): DestinationStream {
  const usePretty = format === undefined ? process.stdout.isTTY === true : format === 'pretty';
  if (!usePretty) return pino.destination({ dest: 1, sync: true });
  return pretty({
    colorize: process.stdout.isTTY === true,
    destination: 1,
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    // One line per record: an access log per request must not scroll the terminal away.
    singleLine: true,
    ignore: 'pid,hostname,service,trace_flags',
  });
}

/**
 * A sink failing must neither lose the record for the others nor reach the logging call. Asking
 * pino for its metadata (`lastObj`, …) hands sinks the record's fields along with the line.
 */
function fanOut(sinks: readonly LogSink[]): DestinationStream {
  const stream = {
    [pino.symbols.needsMetadataGsym]: true as const,
    lastLevel: 0,
    lastTime: '',
    lastMsg: undefined as string | undefined,
    lastObj: {} as object,
    lastLogger: undefined as Logger | undefined,
    write(line: string) {
      const entry: LogEntry | undefined =
        stream.lastLogger === undefined
          ? undefined
          : {
              level: stream.lastLevel,
              fields: stream.lastObj,
              msg: stream.lastMsg,
              logger: stream.lastLogger,
            };
      for (const sink of sinks) {
        try {
          sink.write(line, entry);
        } catch {
          // Telemetry never throws into the app.
        }
      }
    },
  };
  return stream;
}
