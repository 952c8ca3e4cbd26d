import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { HostPort } from './daemon-address.js';
import { documentToDatagrams, wholeDatagram } from './segment-datagrams.js';
import { wildcardPattern } from './segment-name.js';
import { groupByLocalTrace, nestSubsegments, STREAMING_THRESHOLD } from './segment-tree.js';
import { type SegmentMapping, spanToSegment } from './span-to-segment.js';
import { type Datagram, UdpDaemonSender } from './udp-daemon-sender.js';
import type { XraySegmentDocument } from './xray-segment-document.js';

/** Spans mapped and sent between two yields to the event loop (whole local traces at a time). */
const SPANS_PER_CHUNK = 32;

/** What one export did so far: datagrams handed over, failures and their first causes. */
interface ExportOutcome {
  datagrams: number;
  failed: number;
  sendError?: Error | undefined;
  unmappable: number;
  mappingError?: Error | undefined;
}

function pushAll(into: Datagram[], datagrams: readonly Datagram[]): void {
  for (const datagram of datagrams) into.push(datagram);
}

export interface XraySpanExporterOptions {
  /** The daemon's UDP address. */
  daemon: HostPort;
  annotationKeys: readonly string[];
  /** `AWS_XRAY_URL`: the dynamic naming pattern for server segments. */
  dynamicNamingPattern?: string | undefined;
}

/**
 * Exports finished spans to the X-Ray daemon protocol: each span becomes a segment or subsegment
 * document (see `spanToSegment`); the spans of one local trace in the batch travel as one segment
 * with its subsegments nested (see `groupByLocalTrace`), the others as independent subsegments,
 * framed and split by `documentToDatagrams`, sent as UDP datagrams. Runs behind a `BoundedBatchSpanProcessor`, which
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
   * Maps and sends one local trace after another, yielding to the event loop every 32 spans or
   * so: a full batch (512 spans) in one go would hold up the requests waiting behind it for
   * milliseconds.
   */
  private async exportInChunks(spans: ReadableSpan[]): Promise<ExportResult> {
    const { traces, alone } = groupByLocalTrace(spans);
    const units: ReadableSpan[][] = [...traces, ...alone.map((span) => [span])];
    const outcome: ExportOutcome = { datagrams: 0, failed: 0, unmappable: 0 };
    let datagrams: Datagram[] = [];
    let spansInChunk = 0;
    for (const unit of units) {
      this.unitDatagrams(unit, datagrams, outcome);
      spansInChunk += unit.length;
      if (spansInChunk < SPANS_PER_CHUNK) continue;
      await this.send(datagrams, outcome);
      await new Promise((resolve) => setImmediate(resolve));
      datagrams = [];
      spansInChunk = 0;
    }
    await this.send(datagrams, outcome);
    const { failed, unmappable } = outcome;
    if (failed === 0 && unmappable === 0) return { code: ExportResultCode.SUCCESS };
    const reasons = [
      failed > 0
        ? `${failed} of ${outcome.datagrams} datagrams not sent: ${outcome.sendError?.message}`
        : '',
      unmappable > 0 ? `${unmappable} spans not mapped: ${outcome.mappingError?.message}` : '',
    ].filter((reason) => reason !== '');
    return { code: ExportResultCode.FAILED, error: new Error(`X-Ray: ${reasons.join('; ')}`) };
  }

  /**
   * One local trace as one segment document with its subsegments nested, as the X-Ray SDKs send
   * a closed segment: one datagram per request instead of one per span. A tree past the
   * streaming threshold or over 64 kB goes as separate documents instead, each split by
   * `documentToDatagrams` if it must be.
   */
  private unitDatagrams(unit: ReadableSpan[], into: Datagram[], outcome: ExportOutcome): void {
    const documents: XraySegmentDocument[] = [];
    for (const span of unit) {
      try {
        documents.push(spanToSegment(span, this.mapping));
      } catch (error) {
        outcome.unmappable += 1;
        outcome.mappingError ??= error as Error;
      }
    }
    const [first, ...rest] = documents;
    if (
      first !== undefined &&
      first.type === undefined &&
      rest.length > 0 &&
      rest.length <= STREAMING_THRESHOLD
    ) {
      const { document, unplaced } = nestSubsegments(first, rest);
      const whole = wholeDatagram(document);
      if (whole !== undefined) {
        into.push(whole);
        for (const doc of unplaced) pushAll(into, documentToDatagrams(doc).datagrams);
        return;
      }
    }
    // A shortened value is listed in its own document (`otel.xray.truncated`).
    for (const doc of documents) pushAll(into, documentToDatagrams(doc).datagrams);
  }

  private async send(datagrams: Datagram[], outcome: ExportOutcome): Promise<void> {
    if (datagrams.length === 0) return;
    outcome.datagrams += datagrams.length;
    const result = await this.sender.send(datagrams);
    outcome.failed += result.failed;
    outcome.sendError ??= result.error;
  }

  shutdown(): Promise<void> {
    this.sender.close();
    return Promise.resolve();
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
}
