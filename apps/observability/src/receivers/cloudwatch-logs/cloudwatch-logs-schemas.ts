import { z } from 'zod';
import { firstIssue } from '../first-issue.js';
import { type CloudWatchLogsError, invalidParameter } from './cloudwatch-logs-error.js';

/** Request shapes per action, with the length and pattern constraints of the service model. */
const logGroupName = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[.\-_/#A-Za-z0-9]+$/, 'must match pattern [\\.\\-_/#A-Za-z0-9]+');
const logGroupIdentifier = z
  .string()
  .min(1)
  .max(2048)
  .regex(/^[\w#+=/:,.@-]*$/, 'must be a log group name or ARN');
const logStreamName = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[^:*]*$/, 'must not contain ":" or "*"');
const nextToken = z.string().min(1).max(4096);
/** Epoch milliseconds; JSON numbers stay exact up to 2^53. */
const epochMs = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const describeLimit = z.number().int().min(1).max(50);
const eventsLimit = z.number().int().min(1).max(10_000);

/** The retention periods the service accepts, in days. */
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

const groupByName = { logGroupName };
const groupByNameOrArn = {
  logGroupName: logGroupName.optional(),
  logGroupIdentifier: logGroupIdentifier.optional(),
};

export const createLogGroupSchema = z.object({
  ...groupByName,
  kmsKeyId: z.string().max(256).optional(),
  tags: z.record(z.string().min(1).max(128), z.string().max(256)).optional(),
  logGroupClass: z.enum(['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY']).optional(),
});
export type CreateLogGroupRequest = z.infer<typeof createLogGroupSchema>;

export const deleteLogGroupSchema = z.object(groupByName);

export const createLogStreamSchema = z.object({ ...groupByName, logStreamName });
export const deleteLogStreamSchema = createLogStreamSchema;

export const putRetentionPolicySchema = z.object({
  ...groupByName,
  retentionInDays: z
    .number()
    .int()
    .refine((days) => (RETENTION_DAYS as readonly number[]).includes(days), {
      message: `must be one of ${RETENTION_DAYS.join(', ')}`,
    }),
});
export const deleteRetentionPolicySchema = deleteLogGroupSchema;

export const inputLogEventSchema = z.object({ timestamp: epochMs, message: z.string().min(1) });
export type InputLogEvent = z.infer<typeof inputLogEventSchema>;

export const putLogEventsSchema = z.object({
  ...groupByName,
  logStreamName,
  logEvents: z.array(inputLogEventSchema).min(1),
  // Ignored, as the service now ignores it; read only so a wrong type is still refused.
  sequenceToken: z.string().optional(),
});
export type PutLogEventsRequest = z.infer<typeof putLogEventsSchema>;

export const describeLogGroupsSchema = z.object({
  logGroupNamePrefix: logGroupName.optional(),
  logGroupNamePattern: z
    .string()
    .max(512)
    .regex(/^[.\-_/#A-Za-z0-9]*$/)
    .optional(),
  limit: describeLimit.optional(),
  nextToken: nextToken.optional(),
  includeLinkedAccounts: z.boolean().optional(),
  logGroupClass: z.enum(['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY']).optional(),
});
export type DescribeLogGroupsRequest = z.infer<typeof describeLogGroupsSchema>;

export const describeLogStreamsSchema = z.object({
  ...groupByNameOrArn,
  logStreamNamePrefix: logStreamName.optional(),
  orderBy: z.enum(['LogStreamName', 'LastEventTime']).optional(),
  descending: z.boolean().optional(),
  limit: describeLimit.optional(),
  nextToken: nextToken.optional(),
});
export type DescribeLogStreamsRequest = z.infer<typeof describeLogStreamsSchema>;

export const getLogEventsSchema = z.object({
  ...groupByNameOrArn,
  logStreamName,
  startTime: epochMs.optional(),
  endTime: epochMs.optional(),
  nextToken: nextToken.optional(),
  limit: eventsLimit.optional(),
  startFromHead: z.boolean().optional(),
  unmask: z.boolean().optional(),
});
export type GetLogEventsRequest = z.infer<typeof getLogEventsSchema>;

export const filterLogEventsSchema = z.object({
  ...groupByNameOrArn,
  logStreamNames: z.array(logStreamName).min(1).max(100).optional(),
  logStreamNamePrefix: logStreamName.optional(),
  startTime: epochMs.optional(),
  endTime: epochMs.optional(),
  filterPattern: z.string().max(1024).optional(),
  nextToken: nextToken.optional(),
  limit: eventsLimit.optional(),
  interleaved: z.boolean().optional(),
  unmask: z.boolean().optional(),
});
export type FilterLogEventsRequest = z.infer<typeof filterLogEventsSchema>;

/**
 * Parses a request body, answering a violation as the service does: InvalidParameterException
 * naming the member (the value itself is not echoed, it may be large or hostile).
 */
export function parseRequest<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const { where, message } = firstIssue(parsed.error, 'request');
  return throwing(
    invalidParameter(
      `${parsed.error.issues.length} validation error(s) detected: Value at '${where}' failed to satisfy constraint: ${message}`,
    ),
  );
}

function throwing(error: CloudWatchLogsError): never {
  throw error;
}

/**
 * The group a request names, by `logGroupName` or `logGroupIdentifier` (a name or an ARN,
 * `arn:aws:logs:<region>:<account>:log-group:<name>[:*]`): exactly one of them.
 */
export function groupNameOf(request: {
  logGroupName?: string | undefined;
  logGroupIdentifier?: string | undefined;
}): string {
  const { logGroupName: name, logGroupIdentifier: identifier } = request;
  if ((name === undefined) === (identifier === undefined)) {
    throw invalidParameter('Exactly one of logGroupName or logGroupIdentifier must be specified.');
  }
  if (name !== undefined) return name;
  const arn = /^arn:[\w-]+:logs:[\w-]*:\d*:log-group:([^:]+)(?::\*)?$/.exec(identifier!);
  const resolved = arn ? arn[1]! : identifier!;
  return logGroupName.safeParse(resolved).success
    ? resolved
    : throwing(invalidParameter('logGroupIdentifier is not a log group name or ARN.'));
}
