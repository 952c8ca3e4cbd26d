import { OtlpDecodeError } from './otlp-decode-error.js';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

/** Deprecated groups can nest; bound it so hostile input cannot make skipping expensive. */
const MAX_GROUP_DEPTH = 32;
/** Below this many bytes a JS loop beats the native UTF-8 decoder's call overhead. */
const SHORT_STRING = 16;

/**
 * A cursor over protobuf wire-format bytes. Every read is bounds-checked against the buffer;
 * callers check nested-message ends with `delimited` and `expectEnd`. Errors are
 * `OtlpDecodeError`s naming the byte offset.
 */
export class ProtoReader {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly #text: Buffer;
  pos = 0;
  /** The high word of the last `uint64Words`. */
  high = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  fail(what: string, at = this.pos): never {
    throw new OtlpDecodeError(`${what} at byte ${at}`);
  }

  /** A varint's low 32 bits, as unsigned; enough for tags, lengths, enums and uint32 fields. */
  uint32(): number {
    const bytes = this.bytes;
    let pos = this.pos;
    if (pos < bytes.length) {
      const first = bytes[pos]!;
      if (first < 0x80) {
        this.pos = pos + 1;
        return first;
      }
    }
    const start = pos;
    let result = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (pos >= bytes.length) this.fail('truncated varint', start);
      const byte = bytes[pos++]!;
      if (shift < 32) result |= (byte & 0x7f) << shift;
      if (byte < 0x80) {
        this.pos = pos;
        return result >>> 0;
      }
    }
    return this.fail('varint longer than 10 bytes', start);
  }

  /** A varint as an unsigned 64-bit bigint. */
  uint64(): bigint {
    const lo = this.uint64Words();
    const hi = this.high;
    return hi === 0 ? BigInt(lo) : (BigInt(hi) << 32n) | BigInt(lo);
  }

  /**
   * A varint's 64 bits as two unsigned 32-bit words, without a BigInt: the low word is returned
   * and the high one left in `high`.
   */
  uint64Words(): number {
    const bytes = this.bytes;
    const start = this.pos;
    let pos = start;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (pos >= bytes.length) this.fail('truncated varint', start);
      const bits = bytes[pos]! & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= bits << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (7 * i - 32);
      if (bytes[pos++]! < 0x80) {
        this.pos = pos;
        this.high = hi >>> 0;
        return lo >>> 0;
      }
    }
    return this.fail('varint longer than 10 bytes', start);
  }

  /** A varint as a signed two's-complement int64 (proto `int64`, not zigzag `sint64`). */
  int64(): bigint {
    return BigInt.asIntN(64, this.uint64());
  }

  /** A varint as proto `int32`: negative values arrive sign-extended to 10 bytes. */
  int32(): number {
    return this.uint32() | 0;
  }

  bool(): boolean {
    return this.uint32() !== 0;
  }

  fixed32(): number {
    const pos = this.advance(4);
    return this.view.getUint32(pos, true);
  }

  fixed64(): bigint {
    const pos = this.advance(8);
    return this.view.getBigUint64(pos, true);
  }

  double(): number {
    const pos = this.advance(8);
    return this.view.getFloat64(pos, true);
  }

  /** Reads a length prefix and returns where that field ends; it must end within `end`. */
  delimited(end: number): number {
    const at = this.pos;
    const length = this.uint32();
    const stop = this.pos + length;
    if (stop > end) this.fail(`length ${length} runs past the end of its message`, at);
    return stop;
  }

  /** Reads a length-delimited string; invalid UTF-8 becomes U+FFFD rather than an error. */
  string(end: number): string {
    const stop = this.delimited(end);
    const start = this.pos;
    this.pos = stop;
    return this.#utf8(start, stop);
  }

  /**
   * Like `string`, but decodes at most enough bytes to yield more than `maxUnits` UTF-16 code
   * units, so a megabyte string bound for truncation is never fully materialised. The caller
   * sees a result longer than `maxUnits` whenever the original was.
   */
  stringAtMost(end: number, maxUnits: number): string {
    const stop = this.delimited(end);
    const start = this.pos;
    this.pos = stop;
    // Every UTF-16 code unit takes at most 3 bytes, so 4 bytes per unit always overshoots.
    return this.#utf8(start, Math.min(stop, start + maxUnits * 4 + 4));
  }

  /** A length-delimited field's bytes as a view (no copy); `start` and `stop` of the payload. */
  bytesRange(end: number): number {
    const stop = this.delimited(end);
    const start = this.pos;
    this.pos = stop;
    return start;
  }

  /** Throws unless the message that was meant to end at `end` did. */
  expectEnd(end: number): void {
    if (this.pos !== end) this.fail(`field runs past the end of its message (ends at ${end})`);
  }

  /** Skips one field of any wire type whose tag has just been read. */
  skip(tag: number, end: number): void {
    const wire = tag & 7;
    if (tag >>> 3 === 0) this.fail('field number 0');
    switch (wire) {
      case WIRE_VARINT:
        this.uint64Skip();
        return;
      case WIRE_FIXED64:
        this.advance(8);
        return;
      case WIRE_LEN:
        this.pos = this.delimited(end);
        return;
      case WIRE_START_GROUP:
        this.#skipGroup(tag >>> 3, end);
        return;
      case WIRE_FIXED32:
        this.advance(4);
        return;
      default:
        this.fail(
          wire === WIRE_END_GROUP ? 'unexpected end-group tag' : `invalid wire type ${wire}`,
        );
    }
  }

  uint64Skip(): void {
    const bytes = this.bytes;
    const start = this.pos;
    for (let pos = start; pos < bytes.length && pos - start < 10; ) {
      if (bytes[pos++]! < 0x80) {
        this.pos = pos;
        return;
      }
    }
    this.fail(
      this.bytes.length - start < 10 ? 'truncated varint' : 'varint longer than 10 bytes',
      start,
    );
  }

  #skipGroup(field: number, end: number): void {
    const open = [field];
    while (open.length > 0) {
      if (open.length > MAX_GROUP_DEPTH) this.fail('groups nested too deeply');
      if (this.pos >= end) this.fail('unterminated group');
      const tag = this.uint32();
      const wire = tag & 7;
      if (wire === WIRE_START_GROUP) open.push(tag >>> 3);
      else if (wire === WIRE_END_GROUP) {
        if (open.pop() !== tag >>> 3) this.fail('mismatched end-group tag');
      } else this.skip(tag, end);
    }
  }

  /** Moves past `n` bytes of a fixed-width value and returns where they start. */
  advance(n: number): number {
    const pos = this.pos;
    if (pos + n > this.bytes.length) this.fail(`truncated ${n * 8}-bit fixed value`);
    this.pos = pos + n;
    return pos;
  }

  #utf8(start: number, stop: number): string {
    if (stop - start < SHORT_STRING) {
      const bytes = this.bytes;
      let out = '';
      for (let i = start; i < stop; i++) {
        const byte = bytes[i]!;
        if (byte >= 0x80) return this.#text.toString('utf8', start, stop);
        out += String.fromCharCode(byte);
      }
      return out;
    }
    return this.#text.toString('utf8', start, stop);
  }
}
