import { SeverityNumber } from '@opentelemetry/api-logs';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';
import { OtlpLogSink } from './otlp-log-sink.js';

function sinkWithExporter() {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] });
  const sink = new OtlpLogSink(provider.getLogger('test'));
  const finished = async () => {
    sink.drain();
    await provider.forceFlush();
    return exporter.getFinishedLogRecords();
  };
  return { finished, sink };
}

const line = (record: Record<string, unknown>) => `${JSON.stringify(record)}\n`;

describe('OtlpLogSink', () => {
  it('maps msg, level, time and the span ids onto the log record', async () => {
    const { finished, sink } = sinkWithExporter();
    sink.write(
      line({
        level: 'warn',
        time: '2026-01-15T10:15:00.123Z',
        msg: 'GET /api/health 404',
        trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
        span_id: '00f067aa0ba902b7',
        trace_flags: '01',
        status: 404,
        path: '/api/health',
      }),
    );
    const [record] = await finished();
    expect(record?.body).toBe('GET /api/health 404');
    expect(record?.severityNumber).toBe(SeverityNumber.WARN);
    expect(record?.severityText).toBe('WARN');
    expect(record?.hrTime).toEqual([Date.UTC(2026, 0, 15, 10, 15, 0) / 1000, 123_000_000]);
    expect(record?.spanContext).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: 1,
    });
    expect(record?.attributes).toEqual({ status: 404, path: '/api/health' });
  });

  it('turns an err object into the exception.* attributes', async () => {
    const { finished, sink } = sinkWithExporter();
    sink.write(
      line({
        level: 'error',
        msg: 'failed',
        err: { type: 'TypeError', message: 'x', stack: 'at y' },
      }),
    );
    expect((await finished())[0]?.attributes).toEqual({
      'exception.type': 'TypeError',
      'exception.message': 'x',
      'exception.stacktrace': 'at y',
    });
  });

  it('only queues on write: records are built on the next tick, or when drained', async () => {
    const exporter = new InMemoryLogRecordExporter();
    const provider = new LoggerProvider({
      processors: [new SimpleLogRecordProcessor({ exporter })],
    });
    const sink = new OtlpLogSink(provider.getLogger('test'), 2);
    for (const msg of ['a', 'b', 'c']) sink.write(line({ level: 'info', msg }));
    expect(exporter.getFinishedLogRecords()).toHaveLength(0);
    expect(sink.dropped).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    await provider.forceFlush();
    expect(exporter.getFinishedLogRecords().map((record) => record.body)).toEqual(['a', 'b']);
  });

  it('ignores malformed ids and lines that are not JSON', async () => {
    const { finished, sink } = sinkWithExporter();
    sink.write('not json\n');
    sink.write(line({ level: 'info', msg: 'odd ids', trace_id: 'xyz', span_id: '1' }));
    const records = await finished();
    expect(records).toHaveLength(1);
    expect(records[0]?.spanContext).toBeUndefined();
    expect(records[0]?.attributes).toEqual({});
  });

  describe('from the app logger: the fields pino had, without parsing the line back', () => {
    /** The same record through the app's logger (entry) and as a bare line, side by side. */
    function logBoth(log: (logger: ReturnType<typeof createLogger>) => void) {
      const viaLogger = sinkWithExporter();
      const viaLine = sinkWithExporter();
      const lines: string[] = [];
      const logger = createLogger({
        base: { service: 'api' },
        sinks: [viaLogger.sink, { write: (line) => viaLine.sink.write(line) }],
        destination: { write: (line: string) => void lines.push(line) },
      });
      log(logger);
      return { viaLogger: viaLogger.finished(), viaLine: viaLine.finished(), lines };
    }

    it("makes the record the line would make: base fields, child bindings, the call's fields", async () => {
      const both = logBoth((logger) =>
        logger.child({ component: 'access' }).warn(
          {
            status: 404,
            path: '/api/x',
            nested: { a: [1, 'b'] },
            when: new Date(Date.UTC(2026, 0, 15)),
            trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
            span_id: '00f067aa0ba902b7',
            trace_flags: '01',
          },
          'GET /api/x %d',
          404,
        ),
      );
      const [fromEntry] = await both.viaLogger;
      const [fromLine] = await both.viaLine;
      expect(fromEntry?.attributes).toEqual({
        pid: process.pid,
        hostname: expect.any(String),
        service: 'api',
        component: 'access',
        status: 404,
        path: '/api/x',
        nested: { a: [1, 'b'] },
        when: '2026-01-15T00:00:00.000Z',
      });
      expect(fromEntry?.attributes).toEqual(fromLine?.attributes);
      expect(fromEntry?.body).toBe('GET /api/x 404');
      expect(fromEntry?.severityText).toBe('WARN');
      expect(fromEntry?.severityNumber).toBe(SeverityNumber.WARN);
      expect(fromEntry?.spanContext).toEqual(fromLine?.spanContext);
      expect(Math.abs(Number(fromEntry?.hrTime[0]) - Date.now() / 1000)).toBeLessThan(5);
    });

    it('turns an Error under err into exception.* attributes, as pino serializes it', async () => {
      const error = new TypeError('bad input');
      const both = logBoth((logger) => logger.error({ err: error }, 'failed'));
      const [fromEntry] = await both.viaLogger;
      const [fromLine] = await both.viaLine;
      expect(fromEntry?.attributes).toMatchObject({
        'exception.type': 'TypeError',
        'exception.message': 'bad input',
        'exception.stacktrace': error.stack,
      });
      expect(fromEntry?.attributes).toEqual(fromLine?.attributes);
    });

    it('copies the fields at the call: changing the object afterwards changes nothing', async () => {
      const fields = { status: 200, tags: ['a'] };
      const both = logBoth((logger) => {
        logger.info(fields, 'done');
        fields.status = 500;
        fields.tags.push('b');
      });
      expect((await both.viaLogger)[0]?.attributes).toMatchObject({ status: 200, tags: ['a'] });
    });
  });
});
