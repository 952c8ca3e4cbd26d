import type { TraceId } from '../model/ids.js';
import { formatXrayTraceId } from '../receivers/xray/xray-trace-id.js';
import type { AnnotationValue, TraceFacts } from './trace-facts.js';

interface ServiceId {
  readonly Name: string;
  readonly Names: string[];
}

/** One element of GetTraceSummaries' `TraceSummaries`, from a trace's facts. */
export function traceSummary(traceId: TraceId, trace: TraceFacts): Record<string, unknown> {
  const services = new Map<string, ServiceId>();
  for (const span of trace.spans) {
    if (!services.has(span.service))
      services.set(span.service, { Name: span.service, Names: [span.service] });
  }
  const annotations: Record<
    string,
    { AnnotationValue: Record<string, AnnotationValue>; ServiceIds: ServiceId[] }[]
  > = {};
  const users = new Map<string, Set<string>>();
  for (const span of trace.spans) {
    const serviceId = services.get(span.service)!;
    for (const [key, value] of span.annotations) {
      const list = annotations[key] ?? [];
      annotations[key] = list;
      const wrapped = annotationValue(value);
      const existing = list.find(
        (entry) => JSON.stringify(entry.AnnotationValue) === JSON.stringify(wrapped),
      );
      if (existing === undefined) list.push({ AnnotationValue: wrapped, ServiceIds: [serviceId] });
      else if (!existing.ServiceIds.includes(serviceId)) existing.ServiceIds.push(serviceId);
    }
    if (span.user !== undefined) {
      const set = users.get(span.user) ?? new Set<string>();
      set.add(span.service);
      users.set(span.user, set);
    }
  }
  const root = trace.root;
  const http: Record<string, unknown> = {};
  if (root?.http.url !== undefined) http.HttpURL = root.http.url;
  if (root?.http.status !== undefined) http.HttpStatus = root.http.status;
  if (root?.http.method !== undefined) http.HttpMethod = root.http.method;
  if (root?.http.userAgent !== undefined) http.UserAgent = root.http.userAgent;
  if (root?.http.clientIp !== undefined) http.ClientIp = root.http.clientIp;
  return {
    Id: formatXrayTraceId(traceId),
    StartTime: trace.startS,
    Duration: round3(trace.durationS),
    ResponseTime: round3(root?.durationS ?? trace.durationS),
    HasFault: trace.spans.some((s) => s.fault),
    HasError: trace.spans.some((s) => s.error),
    HasThrottle: trace.spans.some((s) => s.throttle),
    IsPartial: trace.spans.some((s) => s.partial),
    Http: http,
    Annotations: annotations,
    Users: [...users].map(([UserName, names]) => ({
      UserName,
      ServiceIds: [...names].map((name) => services.get(name)!),
    })),
    ServiceIds: [...services.values()],
    ResourceARNs: [],
    InstanceIds: [],
    AvailabilityZones: [],
    EntryPoint: root === undefined ? undefined : services.get(root.service),
    FaultRootCauses: [],
    ErrorRootCauses: [],
    ResponseTimeRootCauses: [],
    Revision: 1,
    MatchedEventTime: trace.startS,
  };
}

function annotationValue(value: AnnotationValue): Record<string, AnnotationValue> {
  if (typeof value === 'number') return { NumberValue: value };
  if (typeof value === 'boolean') return { BooleanValue: value };
  return { StringValue: value };
}

function round3(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
