/**
 * A minimal protobuf writer for the small messages we answer with (export responses and
 * `google.rpc.Status`): fields are appended in order into a growing byte list.
 */
export class ProtoWriter {
  readonly #bytes: number[] = [];

  /** Writes a varint; negative numbers as 10-byte two's complement, as proto `int32/int64` do. */
  varint(field: number, value: bigint | number): this {
    this.#tag(field, 0);
    this.#varint(BigInt.asUintN(64, BigInt(value)));
    return this;
  }

  string(field: number, value: string): this {
    const encoded = Buffer.from(value, 'utf8');
    return this.bytes(field, encoded);
  }

  bytes(field: number, value: Uint8Array): this {
    this.#tag(field, 2);
    this.#varint(BigInt(value.length));
    for (const byte of value) this.#bytes.push(byte);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }

  #tag(field: number, wire: number): void {
    this.#varint(BigInt((field << 3) | wire));
  }

  #varint(value: bigint): void {
    let rest = value;
    while (rest >= 0x80n) {
      this.#bytes.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.#bytes.push(Number(rest));
  }
}
