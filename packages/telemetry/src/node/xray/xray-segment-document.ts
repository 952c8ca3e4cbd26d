/** An annotation value X-Ray indexes: no objects, no arrays. */
export type XrayAnnotationValue = string | number | boolean;

export interface XrayStackFrame {
  path?: string;
  line?: number;
  label?: string;
}

export interface XrayException {
  id: string;
  message?: string;
  type?: string;
  remote?: boolean;
  /** Stack frames left out. */
  truncated?: number;
  stack?: XrayStackFrame[];
}

export interface XrayHttp {
  request?: {
    method?: string;
    url?: string;
    user_agent?: string;
    client_ip?: string;
    x_forwarded_for?: boolean;
  };
  response?: { status?: number; content_length?: number };
}

export interface XraySql {
  url?: string;
  connection_string?: string;
  sanitized_query?: string;
  database_type?: string;
  user?: string;
}

/**
 * One X-Ray segment document, or one subsegment sent on its own (`type: "subsegment"` with
 * `trace_id` and `parent_id`): the fields we write, named as X-Ray names them.
 */
export interface XraySegmentDocument {
  name: string;
  id: string;
  trace_id: string;
  start_time: number;
  end_time: number;
  type?: 'subsegment';
  parent_id?: string;
  namespace?: 'remote' | 'aws';
  user?: string;
  origin?: string;
  service?: { version: string };
  http?: XrayHttp;
  sql?: XraySql;
  error?: boolean;
  fault?: boolean;
  throttle?: boolean;
  cause?: { exceptions: XrayException[] };
  annotations?: Record<string, XrayAnnotationValue>;
  metadata?: Record<string, Record<string, unknown>>;
  aws?: { xray: { sdk: string; sdk_version?: string } };
  links?: { trace_id: string; id: string; attributes?: Record<string, unknown> }[];
  subsegments?: XrayNestedSubsegment[];
}

/** A subsegment inside its parent's `subsegments`: the trace and the parent go without saying. */
export type XrayNestedSubsegment = Omit<XraySegmentDocument, 'type' | 'trace_id' | 'parent_id'>;
