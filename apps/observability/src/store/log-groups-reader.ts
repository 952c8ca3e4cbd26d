import { z } from 'zod';
import { hash64 } from '../model/hash64.js';
import { SqlParams } from '../query/sql-params.js';
import {
  groupNotFound,
  invalidParameter,
} from '../receivers/cloudwatch-logs/cloudwatch-logs-error.js';
import {
  type DescribeLogGroupsRequest,
  type DescribeLogStreamsRequest,
  groupNameOf,
} from '../receivers/cloudwatch-logs/cloudwatch-logs-schemas.js';
import { logGroupScope, OTLP_GROUP_PREFIX } from './log-event-scope.js';
import { LogGroupsStore, sequenceToken } from './log-groups-store.js';
import { decodePageToken, encodePageToken, invalidToken } from './log-page-token.js';
import { SIGNAL } from './schema.js';
import type { TelemetryStore } from './telemetry-store.js';

/** Where ARNs say the resources live; only the region comes from the request. */
export interface ArnContext {
  readonly region: string;
  readonly accountId: string;
}

export const LOCAL_ACCOUNT_ID = '000000000000';

export interface LogGroupView {
  logGroupName: string;
  creationTime: number;
  retentionInDays?: number;
  metricFilterCount: number;
  arn: string;
  logGroupArn: string;
  storedBytes: number;
  kmsKeyId?: string;
  logGroupClass: string;
}

export interface LogStreamView {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  uploadSequenceToken: string;
  arn: string;
  storedBytes: number;
}

const offsetTokenSchema = z.object({ o: z.number().int().min(1), q: z.string() });
const DEFAULT_LIMIT = 50;

/** DescribeLogGroups: created groups and the `otlp/<service>` groups, by name, paged. */
export async function describeLogGroups(
  store: TelemetryStore,
  request: DescribeLogGroupsRequest,
  arns: ArnContext,
): Promise<{ logGroups: LogGroupView[]; nextToken?: string }> {
  if (request.logGroupNamePrefix !== undefined && request.logGroupNamePattern !== undefined) {
    throw invalidParameter('logGroupNamePrefix and logGroupNamePattern are mutually exclusive.');
  }
  const created = await store.query(
    `SELECT g.name, g.creation_time_ms, g.retention_days, g.kms_key_id, g.log_group_class,
            coalesce(sum(s.stored_bytes), 0) AS stored_bytes
     FROM cloudwatch_log_groups g LEFT JOIN cloudwatch_log_streams s ON s.group_name = g.name
     GROUP BY ALL`,
  );
  const otlp = await store.query(
    `SELECT service, min(time_unix_nano) // 1000000 AS creation_time_ms,
            sum(strlen(coalesce(body, ''))) AS stored_bytes
     FROM events WHERE signal = ${SIGNAL.log} AND log_group IS NULL GROUP BY service`,
  );
  const all: LogGroupView[] = [
    ...created.map((row) =>
      groupView(arns, {
        name: String(row.name),
        creationTime: Number(row.creation_time_ms),
        retentionDays: row.retention_days === null ? undefined : Number(row.retention_days),
        storedBytes: Number(row.stored_bytes),
        kmsKeyId: (row.kms_key_id as string | null) ?? undefined,
        logGroupClass: String(row.log_group_class),
      }),
    ),
    ...otlp.map((row) =>
      groupView(arns, {
        name: `${OTLP_GROUP_PREFIX}${String(row.service)}`,
        creationTime: Number(row.creation_time_ms),
        retentionDays: undefined,
        storedBytes: Number(row.stored_bytes),
        kmsKeyId: undefined,
        logGroupClass: 'STANDARD',
      }),
    ),
  ];
  const { logGroupNamePrefix: prefix, logGroupNamePattern: pattern } = request;
  const selected = all
    .filter((g) => prefix === undefined || g.logGroupName.startsWith(prefix))
    .filter((g) => pattern === undefined || g.logGroupName.includes(pattern))
    .filter((g) => request.logGroupClass === undefined || g.logGroupClass === request.logGroupClass)
    .sort((a, b) => compareNames(a.logGroupName, b.logGroupName));
  const fingerprint = hash64('groups', prefix ?? '', pattern ?? '').toString(36);
  const { items, nextToken } = page(selected, request, fingerprint);
  return nextToken === undefined ? { logGroups: items } : { logGroups: items, nextToken };
}

/** DescribeLogStreams: by name (prefix allowed) or by last event time, paged. */
export async function describeLogStreams(
  store: TelemetryStore,
  request: DescribeLogStreamsRequest,
  arns: ArnContext,
): Promise<{ logStreams: LogStreamView[]; nextToken?: string }> {
  const groupName = groupNameOf(request);
  const orderBy = request.orderBy ?? 'LogStreamName';
  if (orderBy === 'LastEventTime' && request.logStreamNamePrefix !== undefined) {
    throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
  }
  const groups = LogGroupsStore.of(store);
  if (!(await groups.readableGroupExists(groupName))) throw groupNotFound();
  const prefix = request.logStreamNamePrefix;
  const rows = groupName.startsWith(OTLP_GROUP_PREFIX)
    ? await otlpStreams(store, groupName)
    : await store.query(
        'SELECT * FROM cloudwatch_log_streams WHERE group_name = $1 AND starts_with(name, $2)',
        [groupName, prefix ?? ''],
      );
  const streams = rows
    .map((row) => streamView(arns, groupName, row))
    .filter((s) => prefix === undefined || s.logStreamName.startsWith(prefix));
  const direction = request.descending ? -1 : 1;
  streams.sort((a, b) => {
    const byTime =
      orderBy === 'LastEventTime' ? (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0) : 0;
    return direction * (byTime || compareNames(a.logStreamName, b.logStreamName));
  });
  const fingerprint = hash64(
    'streams',
    groupName,
    prefix ?? '',
    orderBy,
    String(request.descending ?? false),
  ).toString(36);
  const { items, nextToken } = page(streams, request, fingerprint);
  return nextToken === undefined ? { logStreams: items } : { logStreams: items, nextToken };
}

async function otlpStreams(
  store: TelemetryStore,
  groupName: string,
): Promise<Record<string, unknown>[]> {
  const params = new SqlParams();
  const scope = logGroupScope(groupName, params, store.catalog);
  return store.query(
    `SELECT ${scope.stream} AS name, min(e.time_unix_nano) // 1000000 AS creation_time_ms,
            min(e.time_unix_nano) // 1000000 AS first_event_ms,
            max(e.time_unix_nano) // 1000000 AS last_event_ms,
            max(${scope.ingestionMs}) AS last_ingestion_ms,
            sum(strlen(coalesce(e.body, ''))) AS stored_bytes, count(*) AS upload_sequence
     FROM ${scope.from} WHERE ${scope.where} GROUP BY 1`,
    params.values,
  );
}

function page<T>(
  all: readonly T[],
  request: { limit?: number | undefined; nextToken?: string | undefined },
  fingerprint: string,
): { items: T[]; nextToken?: string } {
  let offset = 0;
  if (request.nextToken !== undefined) {
    const token = decodePageToken(request.nextToken, offsetTokenSchema);
    if (token.q !== fingerprint) throw invalidToken();
    offset = token.o;
  }
  const end = offset + (request.limit ?? DEFAULT_LIMIT);
  const items = all.slice(offset, end);
  return end < all.length
    ? { items, nextToken: encodePageToken({ o: end, q: fingerprint }) }
    : { items };
}

function groupView(
  arns: ArnContext,
  group: {
    name: string;
    creationTime: number;
    retentionDays: number | undefined;
    storedBytes: number;
    kmsKeyId: string | undefined;
    logGroupClass: string;
  },
): LogGroupView {
  const logGroupArn = `arn:aws:logs:${arns.region}:${arns.accountId}:log-group:${group.name}`;
  return {
    logGroupName: group.name,
    creationTime: group.creationTime,
    ...(group.retentionDays === undefined ? {} : { retentionInDays: group.retentionDays }),
    metricFilterCount: 0,
    arn: `${logGroupArn}:*`,
    logGroupArn,
    storedBytes: group.storedBytes,
    ...(group.kmsKeyId === undefined ? {} : { kmsKeyId: group.kmsKeyId }),
    logGroupClass: group.logGroupClass,
  };
}

function streamView(
  arns: ArnContext,
  groupName: string,
  row: Record<string, unknown>,
): LogStreamView {
  const name = String(row.name);
  const optional = (key: string, value: unknown) =>
    value === null || value === undefined ? {} : { [key]: Number(value) };
  return {
    logStreamName: name,
    creationTime: Number(row.creation_time_ms),
    ...optional('firstEventTimestamp', row.first_event_ms),
    ...optional('lastEventTimestamp', row.last_event_ms),
    ...optional('lastIngestionTime', row.last_ingestion_ms),
    uploadSequenceToken: sequenceToken(Number(row.upload_sequence)),
    arn: `arn:aws:logs:${arns.region}:${arns.accountId}:log-group:${groupName}:log-stream:${name}`,
    storedBytes: Number(row.stored_bytes),
  };
}

/** Names sort by code point, as the service lists them (not by locale). */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
