import { isUtf8 } from 'node:buffer';
import type { ColumnType } from '../../model/attributes.js';
import type { ColumnCatalog } from '../../store/column-catalog.js';
import type { Column } from '../../store/columns/column.js';
import type { FixedColumn } from '../../store/columns/fixed-column.js';
import type { TextColumn } from '../../store/columns/text-column.js';
import { EventRows } from '../../store/event-rows.js';
import { ATTRIBUTE_LAYOUT, type RowBlock } from '../../store/row-block.js';
import { SIGNAL } from '../../store/schema.js';
import type { DecodeContext } from './decode-context.js';
import { MAX_ATTRIBUTES_PER_ITEM, MAX_STRING_VALUE_LENGTH } from './otlp-limits.js';
import { ANY_VALUE, KEY_VALUE, SPAN, STATUS } from './proto-fields.js';
import type { ProtoReader } from './proto-reader.js';
import { readSpan } from './proto-span.js';

const SOURCE = new TextEncoder().encode('otlp');
const KINDS = 6;
const STATUS_CODES = 3;
const NANOS_PER_MS = 1e6;
const TWO_32 = 4_294_967_296;
/** Attribute keys remembered by their bytes; a sender inventing keys endlessly resets it. */
const MAX_REMEMBERED_KEYS = 10_000;
const MAX_KEY_BYTES = 128;

const KEY_TAG = KEY_VALUE.tag.key;
const VALUE_TAG = KEY_VALUE.tag.value;
const STRING_TAG = ANY_VALUE.tag.string_value;
const BOOL_TAG = ANY_VALUE.tag.bool_value;
const INT_TAG = ANY_VALUE.tag.int_value;
const DOUBLE_TAG = ANY_VALUE.tag.double_value;

enum ValueKind {
  String = 1,
  Bool = 2,
  Int = 3,
  Double = 4,
}
const TYPE_OF_KIND: Record<ValueKind, ColumnType> = {
  [ValueKind.String]: 'string',
  [ValueKind.Bool]: 'boolean',
  [ValueKind.Int]: 'integer',
  [ValueKind.Double]: 'float',
};

/**
 * Attribute keys seen before, shared by the readers of every request so each key is decoded
 * once, with the serial number of spans read, which marks what span last used a key.
 */
export class KeyMemory {
  readonly entries = new Map<number, KeyEntry>();
  spanSerial = 0;
}

/** An attribute key seen before, found again by its bytes without decoding them. */
interface KeyEntry {
  readonly key: string;
  readonly bytes: Uint8Array;
  /** The span (by serial) that last used the key, to notice a key repeated within a span. */
  seenIn: number;
  /** The block `columns` belong to, and this key's column there per value kind. */
  block: RowBlock | undefined;
  columns: (Column | undefined)[];
}

/**
 * Reads OTLP protobuf spans straight into the `spans` table's columns: ids, times and numbers as
 * words, strings as byte ranges copied once, attribute keys matched by their bytes. It takes the
 * common span (scalar attributes, no events or links, nothing to repair or report) and hands any
 * other one, as read from its first byte again, to the general reader and `EventRows`, which
 * validate, limit and warn; so both paths store the same rows for the same bytes.
 */
export class SpanRowReader {
  readonly #block: RowBlock;
  readonly #catalog: ColumnCatalog;
  readonly #general: EventRows;
  readonly #keys: Map<number, KeyEntry>;
  readonly #memory: KeyMemory;
  /** Spans read by the general path so far. */
  generalSpans = 0;
  // The span being read: its attributes wait here until the whole span proved plain.
  #count = 0;
  #entries: KeyEntry[] = [];
  #kinds = new Uint8Array(64);
  #a = new Float64Array(64);
  #b = new Uint32Array(64);
  // Fixed columns, looked up once.
  readonly #signal: FixedColumn;
  readonly #source: TextColumn;
  readonly #time: FixedColumn;
  readonly #eventId: FixedColumn;
  readonly #traceId: FixedColumn;
  readonly #spanId: FixedColumn;
  readonly #parentSpanId: FixedColumn;
  readonly #name: TextColumn;
  readonly #kind: FixedColumn;
  readonly #duration: FixedColumn;
  readonly #statusCode: FixedColumn;
  readonly #statusMessage: TextColumn;
  readonly #traceState: TextColumn;
  readonly #flags: FixedColumn;
  readonly #dropped: FixedColumn;

  constructor(block: RowBlock, catalog: ColumnCatalog, memory: KeyMemory) {
    this.#block = block;
    this.#catalog = catalog;
    this.#general = new EventRows(catalog, block);
    this.#memory = memory;
    this.#keys = memory.entries;
    this.#signal = block.fixedColumn('signal');
    this.#source = block.textColumn('source');
    this.#time = block.fixedColumn('time_unix_nano');
    this.#eventId = block.fixedColumn('event_id');
    this.#traceId = block.fixedColumn('trace_id');
    this.#spanId = block.fixedColumn('span_id');
    this.#parentSpanId = block.fixedColumn('parent_span_id');
    this.#name = block.textColumn('name');
    this.#kind = block.fixedColumn('kind');
    this.#duration = block.fixedColumn('duration_ms');
    this.#statusCode = block.fixedColumn('status_code');
    this.#statusMessage = block.textColumn('status_message');
    this.#traceState = block.textColumn('trace_state');
    this.#flags = block.fixedColumn('flags');
    this.#dropped = block.fixedColumn('dropped_attributes_count');
  }

  /** Reads one Span message into a row; returns its index, or undefined when it was rejected. */
  read(r: ProtoReader, end: number, ctx: DecodeContext): number | undefined {
    const start = r.pos;
    const row = this.#block.rowCount;
    let plain = false;
    try {
      plain = this.#readPlain(r, end, row);
    } catch {
      // Malformed somewhere: the general reader finds where and says so.
    }
    if (plain) {
      this.#block.endRow();
      return row;
    }
    this.#block.discardRow();
    this.generalSpans++;
    r.pos = start;
    const span = readSpan(r, end, ctx);
    if (span === undefined) return undefined;
    this.#general.addSpan('otlp', span);
    return row;
  }

  /** Writes the span at `row` if it is plain; false (row half-written) when it is not. */
  #readPlain(r: ProtoReader, end: number, row: number): boolean {
    const bytes = r.bytes;
    const view = r.view;
    const serial = ++this.#memory.spanSerial;
    this.#count = 0;
    let traceAt = -1;
    let spanAt = -1;
    let parentAt = -1;
    let nameStart = 0;
    let nameStop = 0;
    let stateStart = 0;
    let stateStop = 0;
    let messageStart = 0;
    let messageStop = 0;
    let statusCode = 0;
    let flags = 0;
    let kind = 0;
    let dropped = 0;
    let startAt = -1;
    let endAt = -1;
    while (r.pos < end) {
      const tag = r.uint32();
      switch (tag) {
        case SPAN.tag.trace_id:
          traceAt = r.bytesRange(end);
          if (r.pos - traceAt !== 16) return false;
          break;
        case SPAN.tag.span_id:
          spanAt = r.bytesRange(end);
          if (r.pos - spanAt !== 8) return false;
          break;
        case SPAN.tag.parent_span_id: {
          const at = r.bytesRange(end);
          if (r.pos === at) parentAt = -1;
          else if (r.pos - at === 8) parentAt = at;
          else return false;
          break;
        }
        case SPAN.tag.trace_state:
          stateStart = r.bytesRange(end);
          stateStop = r.pos;
          break;
        case SPAN.tag.flags:
          flags = r.fixed32();
          break;
        case SPAN.tag.name:
          nameStart = r.bytesRange(end);
          nameStop = r.pos;
          break;
        case SPAN.tag.kind:
          kind = r.uint32();
          if (kind >= KINDS) return false;
          break;
        case SPAN.tag.start_time_unix_nano:
          startAt = r.advance(8);
          break;
        case SPAN.tag.end_time_unix_nano:
          endAt = r.advance(8);
          break;
        case SPAN.tag.attributes:
          if (!this.#readAttribute(r, r.delimited(end), serial)) return false;
          break;
        case SPAN.tag.dropped_attributes_count:
          dropped = r.uint32();
          break;
        case SPAN.tag.dropped_events_count:
        case SPAN.tag.dropped_links_count:
          // The model keeps these counts but the table has no column for them.
          r.uint32();
          break;
        case SPAN.tag.status: {
          const stop = r.delimited(end);
          while (r.pos < stop) {
            const field = r.uint32();
            if (field === STATUS.tag.code) {
              statusCode = r.uint32();
              if (statusCode >= STATUS_CODES) return false;
            } else if (field === STATUS.tag.message) {
              messageStart = r.bytesRange(stop);
              messageStop = r.pos;
            } else return false;
          }
          if (r.pos !== stop) return false;
          break;
        }
        default:
          // Events, links and fields that are known but mistyped take the general path;
          // unknown fields are skipped, as proto3 asks.
          if (SPAN.byNumber.has(tag >>> 3)) return false;
          r.skip(tag, end);
      }
    }
    if (r.pos !== end || traceAt < 0 || spanAt < 0) return false;
    if (isZero(bytes, traceAt, 16) || isZero(bytes, spanAt, 8)) return false;
    if (this.#count > MAX_ATTRIBUTES_PER_ITEM) return false;
    // Times must fit a signed 64-bit BIGINT: the high word below 2^31.
    const startLo = startAt < 0 ? 0 : view.getUint32(startAt, true);
    const startHi = startAt < 0 ? 0 : view.getUint32(startAt + 4, true);
    const endLo = endAt < 0 ? 0 : view.getUint32(endAt, true);
    const endHi = endAt < 0 ? 0 : view.getUint32(endAt + 4, true);
    if (startHi >= 0x80000000 || endHi >= 0x80000000) return false;
    if (!isText(bytes, nameStart, nameStop)) return false;
    if (!isText(bytes, stateStart, stateStop)) return false;
    if (!isText(bytes, messageStart, messageStop)) return false;
    if (!this.#writeAttributes(bytes, row)) return false;

    this.#signal.setSmall(row, SIGNAL.span);
    this.#source.setUtf8(row, SOURCE, 0, SOURCE.length);
    this.#time.setWords(row, startLo, startHi);
    this.#eventId.setIdBytes(row, bytes, spanAt);
    this.#traceId.setIdBytes(row, bytes, traceAt);
    this.#spanId.setIdBytes(row, bytes, spanAt);
    if (parentAt >= 0 && !isZero(bytes, parentAt, 8)) {
      this.#parentSpanId.setIdBytes(row, bytes, parentAt);
    }
    this.#name.setUtf8(row, bytes, nameStart, nameStop);
    this.#kind.setSmall(row, kind);
    const nanos = (endHi - startHi) * TWO_32 + (endLo - startLo);
    this.#duration.setF64(row, Math.max(0, nanos / NANOS_PER_MS));
    this.#statusCode.setSmall(row, statusCode);
    if (messageStop > messageStart) {
      this.#statusMessage.setUtf8(row, bytes, messageStart, messageStop);
    }
    if (stateStop > stateStart) this.#traceState.setUtf8(row, bytes, stateStart, stateStop);
    this.#flags.setSmall(row, flags);
    this.#dropped.setSmall(row, dropped);
    return true;
  }

  /** Reads one KeyValue into the span's pending attributes; false when it is not plain. */
  #readAttribute(r: ProtoReader, end: number, serial: number): boolean {
    const bytes = r.bytes;
    const at = r.pos;
    // The layout SDKs write: the key, then a value holding one field, every length under 128
    // (one byte). Anything else is read field by field below.
    const keyLength = bytes[at + 1]!;
    const keyStop = at + 2 + keyLength;
    if (
      bytes[at] === KEY_TAG &&
      keyLength < 0x80 &&
      keyStop + 3 <= end &&
      bytes[keyStop] === VALUE_TAG &&
      keyStop + 2 + bytes[keyStop + 1]! === end
    ) {
      const value = keyStop + 2;
      const tag = bytes[value];
      let kind = 0;
      let a = 0;
      let b = 0;
      if (tag === STRING_TAG && bytes[value + 1]! < 0x80 && value + 2 + bytes[value + 1]! === end) {
        kind = ValueKind.String;
        a = value + 2;
        b = end;
      } else if (tag === INT_TAG) {
        r.pos = value + 1;
        a = r.uint64Words();
        b = r.high;
        if (r.pos === end) kind = ValueKind.Int;
      } else if (tag === DOUBLE_TAG && value + 9 === end) {
        kind = ValueKind.Double;
        a = r.view.getFloat64(value + 1, true);
      } else if (tag === BOOL_TAG && value + 2 === end && bytes[value + 1]! < 0x80) {
        kind = ValueKind.Bool;
        a = bytes[value + 1] === 0 ? 0 : 1;
      }
      if (kind !== 0) {
        r.pos = end;
        return this.#pend(this.#keyAt(bytes, at + 2, keyStop), kind, a, b, serial, bytes);
      }
      r.pos = at;
    }
    let entry: KeyEntry | undefined;
    let kind = 0;
    let a = 0;
    let b = 0;
    while (r.pos < end) {
      const tag = r.uint32();
      if (tag === KEY_VALUE.tag.key) {
        const start = r.bytesRange(end);
        entry = this.#keyAt(r.bytes, start, r.pos);
        if (entry === undefined) return false;
      } else if (tag === KEY_VALUE.tag.value) {
        const stop = r.delimited(end);
        kind = 0;
        while (r.pos < stop) {
          const field = r.uint32();
          switch (field) {
            case STRING_TAG:
              a = r.bytesRange(stop);
              b = r.pos;
              kind = ValueKind.String;
              break;
            case BOOL_TAG:
              a = r.uint32() === 0 ? 0 : 1;
              kind = ValueKind.Bool;
              break;
            case INT_TAG:
              a = r.uint64Words();
              b = r.high;
              kind = ValueKind.Int;
              break;
            case DOUBLE_TAG:
              a = r.double();
              kind = ValueKind.Double;
              break;
            default:
              // Arrays, maps and bytes are stored as JSON by the general path.
              return false;
          }
        }
        if (r.pos !== stop) return false;
      } else return false;
    }
    if (r.pos !== end) return false;
    return this.#pend(entry, kind, a, b, serial, bytes);
  }

  /** Keeps an attribute until the span is known to be plain; false when it is not. */
  #pend(
    entry: KeyEntry | undefined,
    kind: number,
    a: number,
    b: number,
    serial: number,
    bytes: Uint8Array,
  ): boolean {
    // No key or no value (a null attribute), or a key repeated within the span: general path.
    if (entry === undefined || kind === 0 || entry.seenIn === serial) return false;
    entry.seenIn = serial;
    if (kind === ValueKind.String && !isText(bytes, a, b)) return false;
    const i = this.#count++;
    if (i >= this.#kinds.length) this.#grow();
    this.#entries[i] = entry;
    this.#kinds[i] = kind;
    this.#a[i] = a;
    this.#b[i] = b;
    return true;
  }

  #writeAttributes(bytes: Uint8Array, row: number): boolean {
    for (let i = 0; i < this.#count; i++) {
      const kind = this.#kinds[i] as ValueKind;
      const column = this.#columnOf(this.#entries[i]!, kind);
      if (column === undefined) return false;
      const a = this.#a[i]!;
      switch (kind) {
        case ValueKind.String:
          (column as TextColumn).setUtf8(row, bytes, a, this.#b[i]!);
          break;
        case ValueKind.Bool:
          (column as FixedColumn).setSmall(row, a);
          break;
        case ValueKind.Int:
          (column as FixedColumn).setWords(row, a, this.#b[i]!);
          break;
        case ValueKind.Double:
          (column as FixedColumn).setF64(row, a);
          break;
      }
    }
    return true;
  }

  /** The key's column for a kind of value in this block; undefined when the table is full. */
  #columnOf(entry: KeyEntry, kind: ValueKind): Column | undefined {
    if (entry.block !== this.#block) {
      entry.block = this.#block;
      entry.columns = [];
    }
    let column = entry.columns[kind];
    if (column === undefined) {
      const type = TYPE_OF_KIND[kind];
      const name = this.#catalog.columnFor('spans', entry.key, type);
      if (name === undefined) return undefined;
      column = this.#block.attributeColumn(name, ATTRIBUTE_LAYOUT[type]);
      entry.columns[kind] = column;
    }
    return column;
  }

  /** The remembered key for these bytes; undefined for keys the general path should read. */
  #keyAt(bytes: Uint8Array, start: number, stop: number): KeyEntry | undefined {
    const length = stop - start;
    if (length === 0 || length > MAX_KEY_BYTES) return undefined;
    let hash = 0x811c9dc5;
    for (let i = start; i < stop; i++) {
      const byte = bytes[i]!;
      if (byte >= 0x80) return undefined;
      hash = Math.imul(hash ^ byte, 0x01000193);
    }
    const known = this.#keys.get(hash);
    if (known !== undefined) {
      // Two keys sharing a hash: the other one is read by the general path.
      return sameBytes(known.bytes, bytes, start, length) ? known : undefined;
    }
    if (this.#keys.size >= MAX_REMEMBERED_KEYS) this.#keys.clear();
    const entry: KeyEntry = {
      key: String.fromCharCode(...bytes.subarray(start, stop)),
      bytes: bytes.slice(start, stop),
      seenIn: 0,
      block: undefined,
      columns: [],
    };
    this.#keys.set(hash, entry);
    return entry;
  }

  #grow(): void {
    const size = this.#kinds.length * 2;
    const kinds = new Uint8Array(size);
    kinds.set(this.#kinds);
    const a = new Float64Array(size);
    a.set(this.#a);
    const b = new Uint32Array(size);
    b.set(this.#b);
    this.#kinds = kinds;
    this.#a = a;
    this.#b = b;
  }
}

function isZero(bytes: Uint8Array, at: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (bytes[at + i] !== 0) return false;
  return true;
}

/**
 * Whether bytes may be stored as they are: valid UTF-8, and short enough that no limit could
 * apply (each UTF-16 code unit takes at least one byte).
 */
function isText(bytes: Uint8Array, start: number, stop: number): boolean {
  if (stop - start > MAX_STRING_VALUE_LENGTH) return false;
  for (let i = start; i < stop; i++) {
    if (bytes[i]! >= 0x80) return isUtf8(bytes.subarray(start, stop));
  }
  return true;
}

function sameBytes(known: Uint8Array, bytes: Uint8Array, start: number, length: number): boolean {
  if (known.length !== length) return false;
  for (let i = 0; i < length; i++) if (known[i] !== bytes[start + i]) return false;
  return true;
}
