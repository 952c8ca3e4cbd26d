import {
  type ProtoReader,
  WIRE_FIXED32,
  WIRE_FIXED64,
  WIRE_LEN,
  WIRE_VARINT,
} from './proto-reader.js';

/**
 * Field numbers and wire types of the OTLP messages we decode and encode, as published in the
 * public opentelemetry-proto definitions (common/v1, resource/v1, trace/v1, logs/v1,
 * collector/*\/v1) and google/rpc/status.proto. Written down here by hand; nothing is generated.
 */
type FieldList = Readonly<Record<string, readonly [field: number, wire: number]>>;

export interface MessageSpec<F extends FieldList> {
  readonly message: string;
  /** The full tag (field number << 3 | wire type) of each field, for `switch` dispatch. */
  readonly tag: { readonly [K in keyof F]: number };
  readonly byNumber: ReadonlyMap<number, readonly [name: string, wire: number]>;
}

function message<const F extends FieldList>(name: string, fields: F): MessageSpec<F> {
  const tag: Record<string, number> = {};
  const byNumber = new Map<number, readonly [string, number]>();
  for (const [field, [number, wire]] of Object.entries(fields)) {
    tag[field] = (number << 3) | wire;
    byNumber.set(number, [field, wire]);
  }
  return { message: name, tag: tag as MessageSpec<F>['tag'], byNumber };
}

export const ANY_VALUE = message('AnyValue', {
  string_value: [1, WIRE_LEN],
  bool_value: [2, WIRE_VARINT],
  int_value: [3, WIRE_VARINT],
  double_value: [4, WIRE_FIXED64],
  array_value: [5, WIRE_LEN],
  kvlist_value: [6, WIRE_LEN],
  bytes_value: [7, WIRE_LEN],
});
/** ArrayValue and KeyValueList share the shape `repeated … values = 1`. */
export const VALUE_LIST = message('ArrayValue', { values: [1, WIRE_LEN] });
export const KEY_VALUE = message('KeyValue', { key: [1, WIRE_LEN], value: [2, WIRE_LEN] });
export const SCOPE = message('InstrumentationScope', {
  name: [1, WIRE_LEN],
  version: [2, WIRE_LEN],
  attributes: [3, WIRE_LEN],
  dropped_attributes_count: [4, WIRE_VARINT],
});
export const RESOURCE = message('Resource', {
  attributes: [1, WIRE_LEN],
  dropped_attributes_count: [2, WIRE_VARINT],
  entity_refs: [3, WIRE_LEN],
});

export const TRACE_REQUEST = message('ExportTraceServiceRequest', {
  resource_spans: [1, WIRE_LEN],
});
export const RESOURCE_SPANS = message('ResourceSpans', {
  resource: [1, WIRE_LEN],
  scope_spans: [2, WIRE_LEN],
  schema_url: [3, WIRE_LEN],
});
export const SCOPE_SPANS = message('ScopeSpans', {
  scope: [1, WIRE_LEN],
  spans: [2, WIRE_LEN],
  schema_url: [3, WIRE_LEN],
});
export const SPAN = message('Span', {
  trace_id: [1, WIRE_LEN],
  span_id: [2, WIRE_LEN],
  trace_state: [3, WIRE_LEN],
  parent_span_id: [4, WIRE_LEN],
  name: [5, WIRE_LEN],
  kind: [6, WIRE_VARINT],
  start_time_unix_nano: [7, WIRE_FIXED64],
  end_time_unix_nano: [8, WIRE_FIXED64],
  attributes: [9, WIRE_LEN],
  dropped_attributes_count: [10, WIRE_VARINT],
  events: [11, WIRE_LEN],
  dropped_events_count: [12, WIRE_VARINT],
  links: [13, WIRE_LEN],
  dropped_links_count: [14, WIRE_VARINT],
  status: [15, WIRE_LEN],
  flags: [16, WIRE_FIXED32],
});
export const SPAN_EVENT = message('Span.Event', {
  time_unix_nano: [1, WIRE_FIXED64],
  name: [2, WIRE_LEN],
  attributes: [3, WIRE_LEN],
  dropped_attributes_count: [4, WIRE_VARINT],
});
export const SPAN_LINK = message('Span.Link', {
  trace_id: [1, WIRE_LEN],
  span_id: [2, WIRE_LEN],
  trace_state: [3, WIRE_LEN],
  attributes: [4, WIRE_LEN],
  dropped_attributes_count: [5, WIRE_VARINT],
  flags: [6, WIRE_FIXED32],
});
/** Field 1 is reserved (a deprecated code); the current code is field 3. */
export const STATUS = message('Status', { message: [2, WIRE_LEN], code: [3, WIRE_VARINT] });

export const LOGS_REQUEST = message('ExportLogsServiceRequest', { resource_logs: [1, WIRE_LEN] });
export const RESOURCE_LOGS = message('ResourceLogs', {
  resource: [1, WIRE_LEN],
  scope_logs: [2, WIRE_LEN],
  schema_url: [3, WIRE_LEN],
});
export const SCOPE_LOGS = message('ScopeLogs', {
  scope: [1, WIRE_LEN],
  log_records: [2, WIRE_LEN],
  schema_url: [3, WIRE_LEN],
});
export const LOG_RECORD = message('LogRecord', {
  time_unix_nano: [1, WIRE_FIXED64],
  severity_number: [2, WIRE_VARINT],
  severity_text: [3, WIRE_LEN],
  body: [5, WIRE_LEN],
  attributes: [6, WIRE_LEN],
  dropped_attributes_count: [7, WIRE_VARINT],
  flags: [8, WIRE_FIXED32],
  trace_id: [9, WIRE_LEN],
  span_id: [10, WIRE_LEN],
  observed_time_unix_nano: [11, WIRE_FIXED64],
  event_name: [12, WIRE_LEN],
});

/** ExportTraceServiceResponse and ExportLogsServiceResponse: `partial_success = 1`. */
export const EXPORT_RESPONSE = message('ExportServiceResponse', { partial_success: [1, WIRE_LEN] });
/** ExportTracePartialSuccess (`rejected_spans`) and ExportLogsPartialSuccess (`rejected_log_records`). */
export const PARTIAL_SUCCESS = message('ExportPartialSuccess', {
  rejected: [1, WIRE_VARINT],
  error_message: [2, WIRE_LEN],
});
export const RPC_STATUS = message('google.rpc.Status', {
  code: [1, WIRE_VARINT],
  message: [2, WIRE_LEN],
  details: [3, WIRE_LEN],
});

/**
 * Handles a tag no `case` matched: a known field number with the wrong wire type makes the body
 * malformed; unknown fields (proto3 requires it) and known ones the model has no place for
 * (e.g. `Resource.dropped_attributes_count`, `entity_refs`) are skipped.
 */
export function skipUnknownField(
  r: ProtoReader,
  tag: number,
  end: number,
  spec: MessageSpec<FieldList>,
): void {
  const known = spec.byNumber.get(tag >>> 3);
  if (known !== undefined && known[1] !== (tag & 7)) {
    r.fail(`${spec.message}.${known[0]} has wire type ${tag & 7}, expected ${known[1]}`);
  }
  r.skip(tag, end);
}
