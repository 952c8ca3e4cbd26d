import { unixNanosToSeconds } from '../model/time.js';
import type { TraceFacts } from './trace-facts.js';

interface Statistics {
  OkCount: number;
  ErrorStatistics: { ThrottleCount: number; OtherCount: number; TotalCount: number };
  FaultStatistics: { OtherCount: number; TotalCount: number };
  TotalCount: number;
  TotalResponseTime: number;
}

interface Node {
  readonly name: string;
  root: boolean;
  readonly stats: Statistics;
  readonly edges: Map<string, Statistics>;
  start: number;
  end: number;
}

/**
 * GetServiceGraph's `Services`: a node per service, an edge wherever a span of one service is the
 * parent of a span of another; statistics count the spans that enter each service (the segments).
 */
export function serviceGraph(traces: readonly TraceFacts[]): Record<string, unknown>[] {
  const nodes = new Map<string, Node>();
  const nodeOf = (name: string): Node => {
    let node = nodes.get(name);
    if (node === undefined) {
      node = {
        name,
        root: false,
        stats: emptyStats(),
        edges: new Map(),
        start: Infinity,
        end: -Infinity,
      };
      nodes.set(name, node);
    }
    return node;
  };
  for (const trace of traces) {
    const byId = new Map(trace.spans.map((span) => [span.span.spanId, span]));
    for (const span of trace.spans) {
      const parent = span.span.parentSpanId === null ? undefined : byId.get(span.span.parentSpanId);
      if (parent !== undefined && parent.service === span.service) continue;
      const node = nodeOf(span.service);
      if (span.isRoot) node.root = true;
      count(node.stats, span);
      const startS = unixNanosToSeconds(BigInt(span.span.startTimeUnixNano));
      node.start = Math.min(node.start, startS);
      node.end = Math.max(node.end, startS + span.durationS);
      if (parent !== undefined) {
        const from = nodeOf(parent.service);
        const edge = from.edges.get(span.service) ?? emptyStats();
        count(edge, span);
        from.edges.set(span.service, edge);
      }
    }
  }
  const ids = new Map([...nodes.keys()].map((name, index) => [name, index]));
  return [...nodes.values()].map((node) => ({
    ReferenceId: ids.get(node.name),
    Name: node.name,
    Names: [node.name],
    Root: node.root,
    Type: 'AWS::XRay::Service',
    State: 'active',
    StartTime: node.start,
    EndTime: node.end,
    Edges: [...node.edges].map(([target, stats]) => ({
      ReferenceId: ids.get(target),
      StartTime: node.start,
      EndTime: node.end,
      SummaryStatistics: stats,
      ResponseTimeHistogram: [],
      Aliases: [],
    })),
    SummaryStatistics: node.stats,
    DurationHistogram: [],
    ResponseTimeHistogram: [],
  }));
}

function emptyStats(): Statistics {
  return {
    OkCount: 0,
    ErrorStatistics: { ThrottleCount: 0, OtherCount: 0, TotalCount: 0 },
    FaultStatistics: { OtherCount: 0, TotalCount: 0 },
    TotalCount: 0,
    TotalResponseTime: 0,
  };
}

function count(
  stats: Statistics,
  span: { fault: boolean; error: boolean; throttle: boolean; durationS: number },
): void {
  stats.TotalCount++;
  stats.TotalResponseTime += span.durationS;
  if (span.fault) {
    stats.FaultStatistics.TotalCount++;
    stats.FaultStatistics.OtherCount++;
  } else if (span.error || span.throttle) {
    stats.ErrorStatistics.TotalCount++;
    if (span.throttle) stats.ErrorStatistics.ThrottleCount++;
    else stats.ErrorStatistics.OtherCount++;
  } else {
    stats.OkCount++;
  }
}
