import { SeverityNumber } from '@opentelemetry/api-logs';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import { describe, expect, it } from 'vitest';
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
});
