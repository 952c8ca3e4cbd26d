import { z } from 'zod';
import { firstIssue } from '../receivers/first-issue.js';
import { invalidRequest } from './xray-api-error.js';

const epochSeconds = z.number().finite().min(0).max(9_000_000_000);

export const putTraceSegmentsSchema = z.object({
  TraceSegmentDocuments: z.array(z.string()).min(1).max(5_000),
});

export const getTraceSummariesSchema = z.object({
  StartTime: epochSeconds,
  EndTime: epochSeconds,
  TimeRangeType: z.enum(['TraceId', 'Event', 'Service']).optional(),
  Sampling: z.boolean().optional(),
  SamplingStrategy: z
    .object({ Name: z.string().optional(), Value: z.number().optional() })
    .optional(),
  FilterExpression: z.string().optional(),
  NextToken: z.string().optional(),
});

export const batchGetTracesSchema = z.object({
  TraceIds: z.array(z.string().max(35)).min(1).max(100),
  NextToken: z.string().optional(),
});

export const getServiceGraphSchema = z.object({
  StartTime: epochSeconds,
  EndTime: epochSeconds,
  GroupName: z.string().optional(),
  GroupARN: z.string().optional(),
  NextToken: z.string().optional(),
});

export const createGroupSchema = z.object({
  GroupName: z.string(),
  FilterExpression: z.string().optional(),
  InsightsConfiguration: z
    .object({
      InsightsEnabled: z.boolean().optional(),
      NotificationsEnabled: z.boolean().optional(),
    })
    .optional(),
  Tags: z.array(z.object({ Key: z.string(), Value: z.string() })).optional(),
});

export const groupRefSchema = z.object({
  GroupName: z.string().optional(),
  GroupARN: z.string().optional(),
});

export const createSamplingRuleSchema = z.object({
  SamplingRule: z.record(z.string(), z.unknown()),
  Tags: z.array(z.object({ Key: z.string(), Value: z.string() })).optional(),
});

export const ruleRefSchema = z.object({
  RuleName: z.string().optional(),
  RuleARN: z.string().optional(),
});

export const samplingTargetsSchema = z.object({
  SamplingStatisticsDocuments: z
    .array(
      z.object({
        RuleName: z.string().min(1).max(64),
        ClientID: z.string().min(1).max(64),
        Timestamp: epochSeconds,
        RequestCount: z.number().int().min(0),
        SampledCount: z.number().int().min(0),
        BorrowCount: z.number().int().min(0).optional(),
      }),
    )
    .max(25),
  SamplingBoostStatisticsDocuments: z.array(z.unknown()).optional(),
});

/** Parses a request body, answering X-Ray's InvalidRequestException with the first problem. */
export function parseRequest<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const { where, message } = firstIssue(parsed.error, 'request');
  throw invalidRequest(`${where}: ${message}`);
}
