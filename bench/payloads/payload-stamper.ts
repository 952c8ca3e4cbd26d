import { randomBytes } from 'node:crypto';
import { type SpanOffsets, spanOffsets } from './proto-walk.js';

interface Template {
  readonly bytes: Buffer;
  readonly spans: readonly SpanOffsets[];
  readonly firstStart: bigint;
}

/**
 * Turns a small pool of template requests into an endless stream of distinct ones: request `n` is
 * a copy of template `n % pool` whose span, parent and trace ids are XOR-ed with a mask unique to
 * `n` (parent links survive, no two requests share a span) and whose times are shifted so the
 * earliest span starts at the send time. Same bytes length, same attributes, new identity.
 */
export class PayloadStamper {
  readonly #templates: Template[];
  readonly #runMask = randomBytes(4).readUInt32LE(0);
  readonly spansPerRequest: number;

  constructor(templates: readonly Uint8Array[]) {
    this.#templates = templates.map((body) => {
      const bytes = Buffer.from(body);
      const spans = spanOffsets(bytes);
      let firstStart = bytes.readBigUInt64LE(spans[0]!.start);
      for (const span of spans) {
        const start = bytes.readBigUInt64LE(span.start);
        if (start < firstStart) firstStart = start;
      }
      return { bytes, spans, firstStart };
    });
    this.spansPerRequest = this.#templates[0]!.spans.length;
  }

  get templateCount(): number {
    return this.#templates.length;
  }

  /** A fresh buffer for request number `n`, its spans starting at `startNanos`. */
  stamp(n: number, startNanos: bigint): Buffer {
    const template = this.#templates[n % this.#templates.length]!;
    const out = Buffer.allocUnsafe(template.bytes.length);
    template.bytes.copy(out);
    const maskLow = n >>> 0;
    const maskHigh = (this.#runMask ^ Math.floor(n / 2 ** 32)) >>> 0;
    const delta = startNanos - template.firstStart;
    if (delta < 0n) throw new Error('templates must be built before they are sent');
    const deltaLow = Number(delta & 0xffffffffn);
    const deltaHigh = Number(delta >> 32n);
    for (const span of template.spans) {
      xor64(out, span.traceId + 8, maskLow, maskHigh);
      xor64(out, span.spanId, maskLow, maskHigh);
      if (span.parentSpanId >= 0) xor64(out, span.parentSpanId, maskLow, maskHigh);
      add64(out, span.start, deltaLow, deltaHigh);
      add64(out, span.end, deltaLow, deltaHigh);
    }
    return out;
  }
}

/** Adds a 64-bit little-endian value given as two uint32 halves, with Number arithmetic only. */
function add64(buffer: Buffer, offset: number, low: number, high: number): void {
  const sumLow = buffer.readUInt32LE(offset) + low;
  const carry = sumLow >= 0x1_0000_0000 ? 1 : 0;
  buffer.writeUInt32LE(sumLow - carry * 0x1_0000_0000, offset);
  buffer.writeUInt32LE((buffer.readUInt32LE(offset + 4) + high + carry) >>> 0, offset + 4);
}

function xor64(buffer: Buffer, offset: number, low: number, high: number): void {
  buffer.writeUInt32LE((buffer.readUInt32LE(offset) ^ low) >>> 0, offset);
  buffer.writeUInt32LE((buffer.readUInt32LE(offset + 4) ^ high) >>> 0, offset + 4);
}
