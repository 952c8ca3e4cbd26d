import type { TraceId } from '../model/ids.js';
import { parseTraceIdHex } from '../model/ids.js';
import { secondsToUnixNanos } from '../model/time.js';
import { parseXrayDocument } from '../receivers/xray/parse-xray-document.js';
import type { XrayDocument } from '../receivers/xray/xray-segment-schema.js';
import { formatXrayTraceId, parseXrayTraceId } from '../receivers/xray/xray-trace-id.js';
import { readTraces, traceIdsInRange } from '../store/xray-trace-reader.js';
import { matchesFilter } from './filter-expression-eval.js';
import {
  type FilterExpression,
  FilterExpressionError,
  parseFilterExpression,
} from './filter-expression-parser.js';
import { serviceGraph } from './service-graph.js';
import { traceFacts } from './trace-facts.js';
import { traceSummary } from './trace-summary.js';
import { traceToSegmentDocuments } from './trace-to-segment-documents.js';
import { invalidRequest } from './xray-api-error.js';
import {
  batchGetTracesSchema,
  getServiceGraphSchema,
  getTraceSummariesSchema,
  parseRequest,
  putTraceSegmentsSchema,
} from './xray-api-schemas.js';
import { DEFAULT_GROUP_NAME } from './xray-group.js';
import type { XrayServices } from './xray-services.js';

/** Candidate traces examined per GetTraceSummaries page; the rest follow with NextToken. */
const SUMMARY_PAGE_SCAN = 500;
/** Traces a service graph is drawn from at most. */
const GRAPH_MAX_TRACES = 5_000;

export async function putTraceSegments(services: XrayServices, body: unknown): Promise<unknown> {
  const request = parseRequest(putTraceSegmentsSchema, body);
  const accepted: XrayDocument[] = [];
  const unprocessed: { Id?: string; ErrorCode: string; Message: string }[] = [];
  for (const text of request.TraceSegmentDocuments) {
    const parsed = parseXrayDocument(text);
    if (parsed.ok) {
      accepted.push(parsed.document);
      continue;
    }
    services.pipeline.countMalformed();
    unprocessed.push({
      ...(parsed.id === undefined ? {} : { Id: parsed.id }),
      ErrorCode: parsed.reason.includes('trace_id') ? 'InvalidTraceId' : 'InvalidSegment',
      Message: parsed.reason,
    });
  }
  await services.pipeline.submit(accepted);
  return { UnprocessedTraceSegments: unprocessed };
}

export async function getTraceSummaries(
  services: XrayServices,
  body: unknown,
  nowS: number,
): Promise<unknown> {
  const request = parseRequest(getTraceSummariesSchema, body);
  if (request.EndTime < request.StartTime)
    throw invalidRequest('EndTime must not be before StartTime');
  const filter = parseFilter(request.FilterExpression);
  const offset = decodeToken(request.NextToken);
  const ids = await traceIdsInRange(
    services.store,
    {
      start: secondsToUnixNanos(request.StartTime),
      end: secondsToUnixNanos(request.EndTime),
      type: request.TimeRangeType ?? 'Event',
    },
    { offset, limit: SUMMARY_PAGE_SCAN + 1 },
  );
  const page = ids.slice(0, SUMMARY_PAGE_SCAN);
  const traces = await readTraces(services.store, page);
  const summaries: unknown[] = [];
  const groups = groupLookup(services);
  for (const id of page) {
    const spans = traces.get(id);
    if (spans === undefined) continue;
    const facts = traceFacts(formatXrayTraceId(id), spans);
    if (filter !== undefined && !matchesFilter(filter, facts, groups)) continue;
    summaries.push(traceSummary(id, facts));
  }
  return {
    TraceSummaries: summaries,
    ApproximateTime: nowS,
    TracesProcessedCount: page.length,
    ...(ids.length > SUMMARY_PAGE_SCAN
      ? { NextToken: encodeToken(offset + SUMMARY_PAGE_SCAN) }
      : {}),
  };
}

export async function batchGetTraces(services: XrayServices, body: unknown): Promise<unknown> {
  const request = parseRequest(batchGetTracesSchema, body);
  const wanted = new Map<TraceId, string>();
  const unprocessed: string[] = [];
  for (const text of request.TraceIds) {
    const id = parseXrayTraceId(text) ?? parseTraceIdHex(text);
    if (id === undefined) unprocessed.push(text);
    else wanted.set(id, text);
  }
  const traces = await readTraces(services.store, [...wanted.keys()]);
  const found: unknown[] = [];
  for (const [id, text] of wanted) {
    const spans = traces.get(id);
    if (spans === undefined) {
      unprocessed.push(text);
      continue;
    }
    const xrayId = formatXrayTraceId(id);
    const documents = traceToSegmentDocuments(xrayId, spans);
    found.push({
      Id: xrayId,
      Duration: Math.round(traceFacts(xrayId, spans).durationS * 1000) / 1000,
      LimitExceeded: false,
      Segments: documents.map((document) => ({
        Id: document.id,
        Document: JSON.stringify(document),
      })),
    });
  }
  return { Traces: found, UnprocessedTraceIds: unprocessed };
}

export async function getServiceGraph(services: XrayServices, body: unknown): Promise<unknown> {
  const request = parseRequest(getServiceGraphSchema, body);
  if (request.EndTime < request.StartTime)
    throw invalidRequest('EndTime must not be before StartTime');
  let filter: FilterExpression | undefined;
  const group =
    request.GroupName !== undefined
      ? services.settings.group(request.GroupName)
      : request.GroupARN !== undefined
        ? services.settings.groupByArn(request.GroupARN)
        : undefined;
  const named = request.GroupName ?? request.GroupARN;
  if (named !== undefined && named !== DEFAULT_GROUP_NAME && group === undefined) {
    throw invalidRequest(`Group ${named} not found`);
  }
  if (group?.FilterExpression !== undefined) filter = parseFilterExpression(group.FilterExpression);
  const ids = await traceIdsInRange(
    services.store,
    {
      start: secondsToUnixNanos(request.StartTime),
      end: secondsToUnixNanos(request.EndTime),
      type: 'Event',
    },
    { offset: 0, limit: GRAPH_MAX_TRACES },
  );
  const facts = [];
  const groups = groupLookup(services);
  for (let i = 0; i < ids.length; i += SUMMARY_PAGE_SCAN) {
    const chunk = ids.slice(i, i + SUMMARY_PAGE_SCAN);
    const traces = await readTraces(services.store, chunk);
    for (const [id, spans] of traces) {
      const trace = traceFacts(formatXrayTraceId(id), spans);
      if (filter === undefined || matchesFilter(filter, trace, groups)) facts.push(trace);
    }
  }
  return {
    StartTime: request.StartTime,
    EndTime: request.EndTime,
    Services: serviceGraph(facts),
    ContainsOldGroupVersions: false,
  };
}

function parseFilter(text: string | undefined): FilterExpression | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return parseFilterExpression(text);
  } catch (error) {
    if (error instanceof FilterExpressionError)
      throw invalidRequest(`Invalid filter expression: ${error.message}`);
    throw error;
  }
}

/** One request's view of the groups: each group's expression is parsed once, not per trace. */
function groupLookup(services: XrayServices) {
  const parsed = new Map<string, FilterExpression | 'all' | undefined>();
  const find = (by: 'name' | 'arn', value: string): FilterExpression | 'all' | undefined => {
    if (by === 'name' && value === DEFAULT_GROUP_NAME) return 'all';
    const group =
      by === 'name' ? services.settings.group(value) : services.settings.groupByArn(value);
    if (group === undefined) return undefined;
    return group.FilterExpression === undefined
      ? 'all'
      : parseFilterExpression(group.FilterExpression);
  };
  return (by: 'name' | 'arn', value: string): FilterExpression | 'all' | undefined => {
    const key = `${by}:${value}`;
    if (!parsed.has(key)) parsed.set(key, find(by, value));
    return parsed.get(key);
  };
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeToken(token: string | undefined): number {
  if (token === undefined || token === '') return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      offset: unknown;
    };
    if (typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the error below
  }
  throw invalidRequest('NextToken is not one this server issued');
}
