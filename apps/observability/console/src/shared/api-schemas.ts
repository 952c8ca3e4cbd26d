import { z } from 'zod';
import type {
  OverviewView,
  ServiceMapView,
  TraceLogsResult,
  TraceSearchResult,
  TraceSummary,
} from '../../../src/contract/console-api.js';
import type { TraceView } from '../../../src/contract/trace-view.js';

/** Schemas of everything the console reads, checked against the server's contract types. */
const record = z.record(z.string(), z.unknown());

export const traceViewSchema: z.ZodType<TraceView> = z.object({
  traceId: z.string(),
  spans: z.array(
    z.object({
      traceId: z.string(),
      spanId: z.string(),
      parentSpanId: z.string().nullable(),
      name: z.string(),
      service: z.string(),
      kind: z.string(),
      startTimeUnixNano: z.string(),
      durationMs: z.number(),
      status: z.object({ code: z.enum(['unset', 'ok', 'error']), message: z.string() }),
      attributes: record,
      resource: record,
      events: z.array(z.unknown()),
      links: z.array(z.unknown()),
      source: z.string(),
    }),
  ),
});

const traceSummarySchema: z.ZodType<TraceSummary> = z.object({
  traceId: z.string(),
  rootService: z.string(),
  rootName: z.string(),
  startTimeUnixNano: z.string(),
  durationMs: z.number(),
  spanCount: z.number(),
  errorCount: z.number(),
  services: z.array(z.string()),
});

export const traceSearchSchema: z.ZodType<TraceSearchResult> = z.object({
  traces: z.array(traceSummarySchema),
});

export const serviceMapSchema: z.ZodType<ServiceMapView> = z.object({
  startMs: z.number(),
  endMs: z.number(),
  nodes: z.array(
    z.object({
      service: z.string(),
      spanCount: z.number(),
      errorCount: z.number(),
      inferred: z.boolean(),
    }),
  ),
  edges: z.array(
    z.object({
      source: z.string(),
      target: z.string(),
      calls: z.number(),
      callsPerSecond: z.number(),
      errorRate: z.number(),
      p50Ms: z.number(),
      p99Ms: z.number(),
    }),
  ),
});

export const overviewSchema: z.ZodType<OverviewView> = z.object({
  datasets: z.array(
    z.object({
      name: z.string(),
      spans: z.number(),
      logs: z.number(),
      events: z.number(),
      lastWrittenMs: z.number(),
    }),
  ),
  recentTraces: z.array(traceSummarySchema),
  recentErrorSpans: z.array(
    z.object({
      traceId: z.string(),
      spanId: z.string(),
      service: z.string(),
      name: z.string(),
      message: z.string(),
      startTimeUnixNano: z.string(),
    }),
  ),
});

export const traceLogsSchema: z.ZodType<TraceLogsResult> = z.object({
  logs: z.array(
    z.object({
      timeUnixNano: z.string(),
      spanId: z.string().nullable(),
      service: z.string(),
      severity: z.string(),
      body: z.string(),
      logGroup: z.string().nullable(),
      logStream: z.string().nullable(),
    }),
  ),
});

export const datasetsSchema = z.array(z.object({ name: z.string(), slug: z.string() }));

export const columnsSchema = z.array(
  z.object({ key_name: z.string(), type: z.string(), hidden: z.boolean().optional() }),
);
export type ColumnInfo = z.infer<typeof columnsSchema>[number];

export const savedQuerySchema = z.object({ id: z.string() }).loose();

const heatmapCellSchema = z.object({
  buckets: z.array(z.object({ lower: z.number(), upper: z.number(), count: z.number() })),
});
export type HeatmapCell = z.infer<typeof heatmapCellSchema>;

const resultValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  heatmapCellSchema,
]);
export type ResultValue = z.infer<typeof resultValueSchema>;
const resultDataSchema = z.record(z.string(), resultValueSchema);
export type ResultData = z.infer<typeof resultDataSchema>;

export const queryResultSchema = z.object({
  id: z.string(),
  complete: z.boolean(),
  data: z
    .object({
      series: z.array(z.object({ time: z.string(), data: resultDataSchema })),
      results: z.array(z.object({ data: resultDataSchema })),
    })
    .optional(),
});
export type QueryResult = z.infer<typeof queryResultSchema>;
