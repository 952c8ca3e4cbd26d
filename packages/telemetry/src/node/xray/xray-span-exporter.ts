import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { HostPort } from './daemon-address.js';
import { documentToDatagrams } from './segment-datagrams.js';
import { wildcardPattern } from './segment-name.js';
import { type SegmentMapping, spanToSegment } from './span-to-segment.js';
import { type Datagram, UdpDaemonSender } from './udp-daemon-sender.js';

/** Spans mapped and sent between two yields to the event loop. */
const SPANS_PER_CHUNK = 32;

export interface XraySpanExporterOptions {
  /** The daemon's UDP address. */
  daemon: HostPort;
  annotationKeys: readonly string[];
  /** `AWS_XRAY_URL`: the dynamic naming pattern for server segments. */
  dynamicNamingPattern?: string | undefined;
}

/**
 * Exports finished spans to the X-Ray daemon protocol: each span becomes one segment or
 * independent subsegment document (see `spanToSegment`), framed and split by
 * `documentToDatagrams`, sent as UDP datagrams. Runs behind a `BoundedBatchSpanProcessor`, which
 * counts the batch as exported or dropped by the result reported here.
 *
 * @example
 * new BoundedBatchSpanProcessor({ exporter: new XraySpanExporter({ daemon: { host: '127.0.0.1', port: 2000 },
 *   annotationKeys: ['app.user_handle'] }), counters, ...batch });
 */
export class XraySpanExporter implements SpanExporter {
  private readonly sender: UdpDaemonSender;
  private readonly mapping: SegmentMapping;

  constructor(options: XraySpanExporterOptions) {
    this.sender = new UdpDaemonSender(options.daemon);
    this.mapping = {
      annotationKeys: new Set(options.annotationKeys),
      dynamicNaming:
        options.dynamicNamingPattern === undefined
          ? undefined
          : wildcardPattern(options.dynamicNamingPattern),
    };
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    void this.exportInChunks(spans).then(resultCallback);
  }

  /**
   * Maps and sends a few spans at a time, yielding to the event loop in between: a full batch
   * (512 spans) in one go would hold up the requests waiting behind it for milliseconds.
   */
  private async exportInChunks(spans: ReadableSpan[]): Promise<ExportResult> {
    let datagramCount = 0;
    let failed = 0;
    let sendError: Error | undefined;
    let unmappable = 0;
    let mappingError: Error | undefined;
    for (let start = 0; start < spans.length; start += SPANS_PER_CHUNK) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      const datagrams: Datagram[] = [];
      for (const span of spans.slice(start, start + SPANS_PER_CHUNK)) {
        try {
          // A shortened value is listed in its own document (`otel.xray.truncated`).
          const framed = documentToDatagrams(spanToSegment(span, this.mapping));
          for (const datagram of framed.datagrams) datagrams.push(datagram);
        } catch (error) {
          unmappable += 1;
          mappingError ??= error as Error;
        }
      }
      datagramCount += datagrams.length;
      const result = await this.sender.send(datagrams);
      failed += result.failed;
      sendError ??= result.error;
    }
    if (failed === 0 && unmappable === 0) return { code: ExportResultCode.SUCCESS };
    const reasons = [
      failed > 0 ? `${failed} of ${datagramCount} datagrams not sent: ${sendError?.message}` : '',
      unmappable > 0 ? `${unmappable} spans not mapped: ${mappingError?.message}` : '',
    ].filter((reason) => reason !== '');
    return { code: ExportResultCode.FAILED, error: new Error(`X-Ray: ${reasons.join('; ')}`) };
  }

  shutdown(): Promise<void> {
    this.sender.close();
    return Promise.resolve();
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
}
