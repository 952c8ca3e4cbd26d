import {
  type Attributes,
  attributesToJson,
  attributeToJson,
  columnTypeOf,
} from '../model/attributes.js';
import { hash64 } from '../model/hash64.js';
import { spanIdToHex, traceIdToHex } from '../model/ids.js';
import type { LogRecord } from '../model/log-record.js';
import type { PlainEvent } from '../model/plain-event.js';
import { serviceNameOf } from '../model/service-name.js';
import { SPAN_KINDS, type Span, STATUS_CODES } from '../model/span.js';
import type { Source, TelemetryBatch } from '../model/telemetry-batch.js';
import { durationMs } from '../model/time.js';
import type { ColumnCatalog } from './column-catalog.js';
import type { CellValue } from './columns/column-layout.js';
import { assignOrigin } from './group-origin.js';
import { ATTRIBUTE_LAYOUT, COLUMN, RowBlock } from './row-block.js';
import { type EventColumn, SIGNAL, type StoredTable } from './schema.js';

/**
 * Turns a batch's spans, log records and plain events into rows of the events view, written
 * into a `RowBlock` as they go: the general path, for every source but OTLP protobuf spans
 * (which are decoded straight into a block, and come here only when unusual).
 */
export class EventRows {
  constructor(
    private readonly catalog: ColumnCatalog,
    readonly block = new RowBlock(),
  ) {}

  add(batch: TelemetryBatch): this {
    for (const group of batch.spanGroups) {
      const first = this.block.rowCount;
      for (const span of group.spans) this.addSpan(batch.source, span);
      assignOrigin(this.block, this.catalog, group.origin, first);
    }
    for (const group of batch.logGroups) {
      const first = this.block.rowCount;
      const service = serviceNameOf(group.origin.resource);
      for (const log of group.logs) this.#addLog(batch.source, service, log);
      assignOrigin(this.block, this.catalog, group.origin, first);
    }
    for (const group of batch.eventGroups ?? []) {
      const first = this.block.rowCount;
      const service = serviceNameOf(group.origin.resource);
      for (const event of group.events) this.#addEvent(batch.source, service, event);
      assignOrigin(this.block, this.catalog, group.origin, first);
    }
    return this;
  }

  /** Adds a span's row, all but its service and resource (see `assignOrigin`). */
  addSpan(source: Source, span: Span): void {
    this.#common(SIGNAL.span, source, span.startTimeUnixNano);
    this.#set('event_id', span.spanId);
    this.#set('trace_id', span.traceId);
    this.#set('span_id', span.spanId);
    this.#set('parent_span_id', span.parentSpanId);
    this.#set('name', span.name);
    this.#set('kind', SPAN_KINDS.indexOf(span.kind));
    this.#set('duration_ms', Math.max(0, durationMs(span.startTimeUnixNano, span.endTimeUnixNano)));
    this.#set('status_code', STATUS_CODES.indexOf(span.status.code));
    this.#set('status_message', span.status.message === '' ? null : span.status.message);
    this.#set('trace_state', span.traceState === '' ? null : span.traceState);
    this.#set('flags', span.flags);
    this.#set('dropped_attributes_count', span.droppedAttributesCount);
    if (span.events.length > 0)
      this.#set('events_json', JSON.stringify(span.events.map(eventToJson)));
    if (span.links.length > 0) this.#set('links_json', JSON.stringify(span.links.map(linkToJson)));
    this.#attributes('spans', span.attributes);
    this.block.endRow();
  }

  #set(column: EventColumn, value: CellValue | null | undefined): void {
    if (value !== null && value !== undefined) {
      this.block.fixed[COLUMN[column]]!.set(this.block.rowCount, value);
    }
  }

  #addLog(source: Source, service: string, log: LogRecord): void {
    const body =
      typeof log.body === 'string' || log.body === null
        ? log.body
        : JSON.stringify(attributeToJson(log.body));
    const attributesJson = JSON.stringify(attributesToJson(log.attributes));
    this.#common(SIGNAL.log, source, log.timeUnixNano);
    this.#set(
      'event_id',
      log.eventId ??
        hash64(
          service,
          String(log.timeUnixNano),
          String(log.traceId ?? ''),
          String(log.spanId ?? ''),
          String(log.severityNumber),
          log.severityText,
          body ?? '',
          attributesJson,
          log.logGroup ?? '',
          log.logStream ?? '',
        ),
    );
    this.#set('trace_id', log.traceId);
    this.#set('parent_span_id', log.spanId);
    this.#set('name', log.eventName === '' ? null : log.eventName);
    this.#set('severity_number', log.severityNumber);
    this.#set('severity_text', log.severityText === '' ? null : log.severityText);
    this.#set('body', body);
    this.#set('log_group', log.logGroup ?? null);
    this.#set('log_stream', log.logStream ?? null);
    this.#set('flags', log.flags);
    this.#set('dropped_attributes_count', log.droppedAttributesCount);
    this.#attributes('logs', log.attributes);
    this.block.endRow();
  }

  #addEvent(source: Source, service: string, event: PlainEvent): void {
    const attributesJson = JSON.stringify(attributesToJson(event.attributes));
    this.#common(SIGNAL.event, source, event.timeUnixNano);
    this.#set(
      'event_id',
      hash64(
        service,
        String(event.timeUnixNano),
        event.name ?? '',
        String(event.durationMs),
        attributesJson,
      ),
    );
    this.#set('name', event.name);
    this.#set('duration_ms', event.durationMs);
    this.#attributes('logs', event.attributes);
    this.block.endRow();
  }

  #common(signal: number, source: Source, time: bigint): void {
    this.#set('signal', signal);
    this.#set('source', source);
    this.#set('time_unix_nano', time);
  }

  /**
   * Each attribute into its typed column. Structured values (arrays, maps, bytes) are queryable
   * as JSON text and kept whole in `attributes_extra`, as are keys past the column limit.
   */
  #attributes(table: StoredTable, attributes: Attributes): void {
    let overflow: Record<string, unknown> | undefined;
    const row = this.block.rowCount;
    for (const [key, raw] of attributes) {
      let type = columnTypeOf(raw);
      if (type === undefined) continue;
      let value = raw as CellValue;
      if (typeof raw === 'object') {
        const json = attributeToJson(raw!);
        overflow ??= {};
        overflow[key] = json;
        type = 'string';
        value = JSON.stringify(json);
      }
      const column = this.catalog.columnFor(table, key, type);
      if (column === undefined) {
        overflow ??= {};
        overflow[key] ??= attributeToJson(raw);
        continue;
      }
      this.block.attributeColumn(column, ATTRIBUTE_LAYOUT[type]).set(row, value);
    }
    if (overflow !== undefined) this.#set('attributes_extra', JSON.stringify(overflow));
  }
}

function eventToJson(event: Span['events'][number]): unknown {
  return {
    timeUnixNano: String(event.timeUnixNano),
    name: event.name,
    attributes: attributesToJson(event.attributes),
    droppedAttributesCount: event.droppedAttributesCount,
  };
}

function linkToJson(link: Span['links'][number]): unknown {
  return {
    traceId: traceIdToHex(link.traceId),
    spanId: spanIdToHex(link.spanId),
    traceState: link.traceState,
    attributes: attributesToJson(link.attributes),
    droppedAttributesCount: link.droppedAttributesCount,
    flags: link.flags,
  };
}
