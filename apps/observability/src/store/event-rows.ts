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
import type { ResourceScope } from '../model/resource-scope.js';
import { serviceNameOf } from '../model/service-name.js';
import { SPAN_KINDS, type Span, STATUS_CODES } from '../model/span.js';
import type { Source, TelemetryBatch } from '../model/telemetry-batch.js';
import { durationMs } from '../model/time.js';
import { splitAttributes } from './attribute-split.js';
import type { ColumnCatalog } from './column-catalog.js';
import { EVENT_COLUMNS, type EventColumn, SIGNAL } from './schema.js';

export interface ResourceRow {
  readonly resourceId: bigint;
  readonly service: string;
  readonly attributesJson: string;
  readonly scopeName: string;
  readonly scopeVersion: string;
  readonly scopeAttributesJson: string;
  readonly schemaUrl: string;
  /** Typed resource attribute columns: physical name → value. */
  readonly columns: ReadonlyMap<string, unknown>;
}

/**
 * Builds column arrays for a group of batches, ready for a columnar append: one array per fixed
 * column and one per typed attribute column. Every array is kept dense (missing values are
 * `null`, written as the rows go): V8 turns an array written with gaps into a slow dictionary,
 * which cost more than the values themselves.
 */
export class EventRows {
  readonly fixed = new Map<EventColumn, unknown[]>(EVENT_COLUMNS.map(([name]) => [name, []]));
  readonly dynamic = new Map<string, unknown[]>();
  /** The fixed arrays in table order, to pad each row's unset columns. */
  readonly #fixedList = [...this.fixed.values()];
  readonly resources = new Map<bigint, ResourceRow>();
  /** Per service, the event columns already passed to `catalog.noteWritten` by this instance. */
  readonly #noted = new Map<string, Set<string>>();
  #rows = 0;

  constructor(private readonly catalog: ColumnCatalog) {}

  get rowCount(): number {
    return this.#rows;
  }

  add(batch: TelemetryBatch): void {
    for (const group of batch.spanGroups) {
      const { resourceId, service } = this.#resource(group.origin);
      for (const span of group.spans) this.#addSpan(batch.source, service, resourceId, span);
    }
    for (const group of batch.logGroups) {
      const { resourceId, service } = this.#resource(group.origin);
      for (const log of group.logs) this.#addLog(batch.source, service, resourceId, log);
    }
    for (const group of batch.eventGroups ?? []) {
      const { resourceId, service } = this.#resource(group.origin);
      for (const event of group.events) this.#addEvent(batch.source, service, resourceId, event);
    }
  }

  /**
   * Every column padded to the row count with NULLs, in table order, without the rows in
   * `skip`. Skipping is rare (re-delivery), so the common path copies nothing.
   */
  columnsInOrder(dynamicNames: readonly string[], skip: ReadonlySet<number>): unknown[][] {
    const columns = [...this.fixed.values()];
    for (const name of dynamicNames) {
      const values = this.dynamic.get(name) ?? [];
      while (values.length < this.#rows) values.push(null);
      columns.push(values);
    }
    if (skip.size === 0) return columns;
    return columns.map((values) => values.filter((_, row) => !skip.has(row)));
  }

  #set(column: EventColumn, value: unknown): void {
    this.fixed.get(column)![this.#rows] = value;
  }

  /** Ends a row: fixed columns it did not set become NULL, so no array gets a gap. */
  #endRow(): void {
    const row = this.#rows++;
    for (const values of this.#fixedList) if (values.length === row) values.push(null);
  }

  #addSpan(source: Source, service: string, resourceId: bigint, span: Span): void {
    this.#common(SIGNAL.span, source, service, resourceId, span.startTimeUnixNano);
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
    this.#attributes(service, span.attributes);
    this.#endRow();
  }

  #addLog(source: Source, service: string, resourceId: bigint, log: LogRecord): void {
    const body =
      typeof log.body === 'string' || log.body === null
        ? log.body
        : JSON.stringify(attributeToJson(log.body));
    const attributesJson = JSON.stringify(attributesToJson(log.attributes));
    this.#common(SIGNAL.log, source, service, resourceId, log.timeUnixNano);
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
    this.#attributes(service, log.attributes);
    this.#endRow();
  }

  #addEvent(source: Source, service: string, resourceId: bigint, event: PlainEvent): void {
    const attributesJson = JSON.stringify(attributesToJson(event.attributes));
    this.#common(SIGNAL.event, source, service, resourceId, event.timeUnixNano);
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
    this.#attributes(service, event.attributes);
    this.#endRow();
  }

  #common(signal: number, source: Source, service: string, resourceId: bigint, time: bigint): void {
    this.#set('signal', signal);
    this.#set('source', source);
    this.#set('service', service);
    this.#set('time_unix_nano', time);
    this.#set('resource_id', resourceId);
  }

  /**
   * Each attribute into its typed column. Structured values (arrays, maps, bytes) are queryable
   * as JSON text and kept whole in `attributes_extra`, as are keys past the column limit.
   */
  #attributes(service: string, attributes: Attributes): void {
    let overflow: Record<string, unknown> | undefined;
    // Columns this commit already reported for the service: the catalog hears of each once.
    let noted = this.#noted.get(service);
    if (noted === undefined) {
      noted = new Set();
      this.#noted.set(service, noted);
    }
    const row = this.#rows;
    for (const [key, raw] of attributes) {
      let type = columnTypeOf(raw);
      if (type === undefined) continue;
      let value: unknown = raw;
      if (typeof raw === 'object') {
        const json = attributeToJson(raw!);
        overflow ??= {};
        overflow[key] = json;
        type = 'string';
        value = JSON.stringify(json);
      }
      const column = this.catalog.columnFor('events', key, type);
      if (column === undefined) {
        overflow ??= {};
        overflow[key] ??= attributeToJson(raw);
        continue;
      }
      let values = this.dynamic.get(column);
      if (values === undefined) {
        values = [];
        this.dynamic.set(column, values);
      }
      while (values.length < row) values.push(null);
      values.push(value);
      if (!noted.has(column)) {
        noted.add(column);
        this.catalog.noteWritten({ dataset: service, keyName: key, type, table: 'events' });
      }
    }
    if (overflow !== undefined) this.#set('attributes_extra', JSON.stringify(overflow));
  }

  #resource(origin: ResourceScope): { resourceId: bigint; service: string } {
    const service = serviceNameOf(origin.resource);
    const attributesJson = JSON.stringify(attributesToJson(origin.resource));
    const scopeAttributesJson = JSON.stringify(attributesToJson(origin.scope.attributes));
    const resourceId = hash64(
      attributesJson,
      origin.scope.name,
      origin.scope.version,
      scopeAttributesJson,
      origin.schemaUrl,
    );
    if (!this.resources.has(resourceId)) {
      const columns = new Map<string, unknown>();
      for (const { key, type, value } of splitAttributes(origin.resource).typed) {
        const column = this.catalog.columnFor('resources', key, type);
        if (column === undefined) continue;
        columns.set(column, value);
        this.catalog.noteWritten({ dataset: service, keyName: key, type, table: 'resources' });
      }
      this.resources.set(resourceId, {
        resourceId,
        service,
        attributesJson,
        scopeName: origin.scope.name,
        scopeVersion: origin.scope.version,
        scopeAttributesJson,
        schemaUrl: origin.schemaUrl,
        columns,
      });
    }
    return { resourceId, service };
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
