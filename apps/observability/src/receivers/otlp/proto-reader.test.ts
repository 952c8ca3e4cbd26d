import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { OtlpDecodeError } from './otlp-decode-error.js';
import { ProtoReader } from './proto-reader.js';

const writer = () => protobuf.Writer.create();

describe('ProtoReader', () => {
  it('reads varints of every length, 64-bit ones as bigint', () => {
    const values = [
      0n,
      1n,
      127n,
      128n,
      300n,
      2n ** 32n - 1n,
      2n ** 32n,
      2n ** 53n + 1n,
      2n ** 64n - 1n,
    ];
    const w = writer();
    for (const v of values) w.uint64(v.toString());
    const r = new ProtoReader(w.finish());
    expect(values.map(() => r.uint64())).toEqual(values);
  });

  it('reads negative int64 and int32 from their 10-byte two’s-complement varints', () => {
    const bytes = writer().int64('-5').int32(-2).int64('-9223372036854775808').finish();
    const r = new ProtoReader(bytes);
    expect(r.int64()).toBe(-5n);
    expect(r.int32()).toBe(-2);
    expect(r.int64()).toBe(-(2n ** 63n));
  });

  it('reads fixed32, fixed64 and doubles little-endian', () => {
    const bytes = writer()
      .fixed32(0xdeadbeef)
      .fixed64('18446744073709551615')
      .double(-0.25)
      .finish();
    const r = new ProtoReader(bytes);
    expect(r.fixed32()).toBe(0xdeadbeef);
    expect(r.fixed64()).toBe(2n ** 64n - 1n);
    expect(r.double()).toBe(-0.25);
  });

  it('decodes short ASCII, long and multi-byte strings, and invalid UTF-8 leniently', () => {
    const long = 'x'.repeat(1000);
    const bytes = writer()
      .string('ok')
      .string('żółw 🐢')
      .string(long)
      .bytes(new Uint8Array([0x61, 0xff, 0x62]))
      .finish();
    const r = new ProtoReader(bytes);
    expect(r.string(bytes.length)).toBe('ok');
    expect(r.string(bytes.length)).toBe('żółw 🐢');
    expect(r.string(bytes.length)).toBe(long);
    expect(r.string(bytes.length)).toBe('a\uFFFDb');
  });

  it('stops decoding a huge string early but still reports it as longer than the limit', () => {
    const bytes = writer().string('é'.repeat(100_000)).finish();
    const r = new ProtoReader(bytes);
    const text = r.stringAtMost(bytes.length, 10);
    expect(text.length).toBeGreaterThan(10);
    expect(text.length).toBeLessThan(100);
    expect(r.pos).toBe(bytes.length);
  });

  it('skips unknown fields of every wire type, including nested groups', () => {
    const bytes = writer()
      .uint32((1 << 3) | 0)
      .uint64('18446744073709551615')
      .uint32((2 << 3) | 1)
      .fixed64(7)
      .uint32((3 << 3) | 2)
      .bytes(new Uint8Array(5))
      .uint32((4 << 3) | 3)
      .uint32((5 << 3) | 3)
      .uint32((6 << 3) | 0)
      .uint32(1)
      .uint32((5 << 3) | 4)
      .uint32((4 << 3) | 4)
      .uint32((7 << 3) | 5)
      .fixed32(1)
      .finish();
    const r = new ProtoReader(bytes);
    while (r.pos < bytes.length) r.skip(r.uint32(), bytes.length);
    expect(r.pos).toBe(bytes.length);
  });

  it.each([
    ['a truncated varint', [0x80, 0x80]],
    ['a varint longer than 10 bytes', Array(11).fill(0xff)],
    ['a truncated fixed64', [0x09, 1, 2, 3]],
    ['a length past the end', [0x12, 0x05, 1, 2]],
    ['wire type 6', [0x0e]],
    ['wire type 7', [0x0f]],
    ['a stray end-group', [0x0c]],
    ['an unterminated group', [0x0b, 0x08, 0x01]],
    ['a mismatched end-group', [0x0b, 0x14]],
    ['field number 0', [0x00, 0x00]],
  ])('rejects %s with OtlpDecodeError', (_, input) => {
    const bytes = Uint8Array.from(input as number[]);
    const r = new ProtoReader(bytes);
    expect(() => {
      while (r.pos < bytes.length) r.skip(r.uint32(), bytes.length);
    }).toThrow(OtlpDecodeError);
  });

  it('rejects a length that runs past its enclosing message even when the buffer is longer', () => {
    const r = new ProtoReader(Uint8Array.from([0x05, 1, 2, 3, 4, 5, 6]));
    expect(() => r.delimited(3)).toThrow(/runs past the end/);
  });
});
