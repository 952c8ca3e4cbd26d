import { z } from 'zod';
import { postJson } from '../../shared/api-client.js';

/** CloudWatch Logs' JSON 1.1 API on `POST /`, called from the browser as the AWS SDK would. */
function call<S extends z.ZodType>(action: string, body: unknown, schema: S): Promise<z.infer<S>> {
  return postJson('/', body, schema, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `Logs_20140328.${action}`,
  });
}

const logGroupsSchema = z.object({
  logGroups: z
    .array(z.object({ logGroupName: z.string(), storedBytes: z.number().optional() }).loose())
    .default([]),
  nextToken: z.string().nullish(),
});

export async function describeLogGroups(): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < 20; page++) {
    const result = await call(
      'DescribeLogGroups',
      nextToken ? { limit: 50, nextToken } : { limit: 50 },
      logGroupsSchema,
    );
    names.push(...result.logGroups.map((g) => g.logGroupName));
    if (!result.nextToken) break;
    nextToken = result.nextToken;
  }
  return names;
}

const logStreamsSchema = z.object({
  logStreams: z
    .array(
      z
        .object({
          logStreamName: z.string(),
          lastEventTimestamp: z.number().nullish(),
          firstEventTimestamp: z.number().nullish(),
        })
        .loose(),
    )
    .default([]),
});

export function describeLogStreams(logGroupName: string) {
  return call(
    'DescribeLogStreams',
    { logGroupName, orderBy: 'LastEventTime', descending: true, limit: 50 },
    logStreamsSchema,
  );
}

export interface LogEventView {
  readonly eventId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly timestamp: number;
  readonly message: string;
}

const getLogEventsSchema = z.object({
  events: z
    .array(
      z.object({
        timestamp: z.number(),
        message: z.string(),
        ingestionTime: z.number().optional(),
      }),
    )
    .default([]),
});

export async function getLogEvents(
  logGroupName: string,
  logStreamName: string,
  startTime: number,
  endTime: number,
): Promise<LogEventView[]> {
  const result = await call(
    'GetLogEvents',
    { logGroupName, logStreamName, startTime, endTime, limit: 500, startFromHead: false },
    getLogEventsSchema,
  );
  return result.events.map((e, i) => ({
    eventId: `${logStreamName}-${e.timestamp}-${i}`,
    logGroupName,
    logStreamName,
    timestamp: e.timestamp,
    message: e.message,
  }));
}

const filterSchema = z.object({
  events: z
    .array(
      z.object({
        eventId: z.string().optional(),
        logStreamName: z.string().optional(),
        timestamp: z.number(),
        message: z.string(),
      }),
    )
    .default([]),
  nextToken: z.string().nullish(),
});

/** FilterLogEvents in each group (the API searches one group per call), merged by time. */
export async function filterLogEvents(
  groups: readonly string[],
  filterPattern: string,
  startTime: number,
  endTime: number,
): Promise<LogEventView[]> {
  const perGroup = await Promise.all(
    groups.map(async (logGroupName) => {
      const body: Record<string, unknown> = { logGroupName, startTime, endTime, limit: 500 };
      if (filterPattern.trim() !== '') body.filterPattern = filterPattern;
      const result = await call('FilterLogEvents', body, filterSchema);
      return result.events.map((e, i) => ({
        eventId: e.eventId ?? `${logGroupName}-${e.timestamp}-${i}`,
        logGroupName,
        logStreamName: e.logStreamName ?? '',
        timestamp: e.timestamp,
        message: e.message,
      }));
    }),
  );
  return perGroup.flat().sort((a, b) => a.timestamp - b.timestamp);
}
