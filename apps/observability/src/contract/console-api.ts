/** JSON shapes of the console's read endpoints under `/api/`, shared by the server and the console. */

/** One trace in a search result: its root span, extent and health. */
export interface TraceSummary {
  readonly traceId: string;
  readonly rootService: string;
  readonly rootName: string;
  /** Decimal string: nanoseconds do not fit a JSON number. */
  readonly startTimeUnixNano: string;
  readonly durationMs: number;
  readonly spanCount: number;
  readonly errorCount: number;
  readonly services: readonly string[];
}

export interface TraceSearchResult {
  readonly traces: readonly TraceSummary[];
}

export interface ServiceMapNode {
  readonly service: string;
  readonly spanCount: number;
  readonly errorCount: number;
  /** True for a peer seen only from its callers' client spans (a database, an external API). */
  readonly inferred: boolean;
}

export interface ServiceMapEdge {
  readonly source: string;
  readonly target: string;
  readonly calls: number;
  readonly callsPerSecond: number;
  readonly errorRate: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface ServiceMapView {
  readonly startMs: number;
  readonly endMs: number;
  readonly nodes: readonly ServiceMapNode[];
  readonly edges: readonly ServiceMapEdge[];
}

export interface DatasetSummary {
  readonly name: string;
  readonly spans: number;
  readonly logs: number;
  readonly events: number;
  readonly lastWrittenMs: number;
}

export interface ErrorSpanSummary {
  readonly traceId: string;
  readonly spanId: string;
  readonly service: string;
  readonly name: string;
  readonly message: string;
  readonly startTimeUnixNano: string;
}

export interface OverviewView {
  readonly datasets: readonly DatasetSummary[];
  readonly recentTraces: readonly TraceSummary[];
  readonly recentErrorSpans: readonly ErrorSpanSummary[];
}

/** A log record tied to a trace, for the waterfall's inline logs. */
export interface TraceLogView {
  readonly timeUnixNano: string;
  readonly spanId: string | null;
  readonly service: string;
  readonly severity: string;
  readonly body: string;
  readonly logGroup: string | null;
  readonly logStream: string | null;
}

export interface TraceLogsResult {
  readonly logs: readonly TraceLogView[];
}
