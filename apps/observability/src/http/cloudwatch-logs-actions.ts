import {
  createLogGroupSchema,
  createLogStreamSchema,
  deleteLogGroupSchema,
  deleteLogStreamSchema,
  deleteRetentionPolicySchema,
  describeLogGroupsSchema,
  describeLogStreamsSchema,
  filterLogEventsSchema,
  getLogEventsSchema,
  parseRequest,
  putLogEventsSchema,
  putRetentionPolicySchema,
} from '../receivers/cloudwatch-logs/cloudwatch-logs-schemas.js';
import { filterLogEvents, getLogEvents } from '../store/log-events-reader.js';
import {
  type ArnContext,
  describeLogGroups,
  describeLogStreams,
} from '../store/log-groups-reader.js';
import { LogGroupsStore } from '../store/log-groups-store.js';
import type { AppDeps } from './app-deps.js';
import type { Access } from './auth.js';

export interface CloudWatchLogsAction {
  /**
   * Sending needs an ingest key; reading events and deleting need a query key. Describe* answer
   * ingest keys too: senders (watchtower, winston-cloudwatch) look up their group and stream
   * before they put, and the answer holds names and counts, never log content.
   */
  readonly access: Access;
  readonly run: (deps: AppDeps, body: unknown, arns: ArnContext) => Promise<object>;
}

const groups = (deps: AppDeps) => LogGroupsStore.of(deps.store);

/** The supported operations, by their `X-Amz-Target` name. */
export const CLOUDWATCH_LOGS_ACTIONS: ReadonlyMap<string, CloudWatchLogsAction> = new Map<
  string,
  CloudWatchLogsAction
>([
  [
    'CreateLogGroup',
    {
      access: 'ingest',
      run: async (deps, body) => {
        await groups(deps).createLogGroup(parseRequest(createLogGroupSchema, body), deps.now());
        return {};
      },
    },
  ],
  [
    'DeleteLogGroup',
    {
      access: 'query',
      run: async (deps, body) => {
        const request = parseRequest(deleteLogGroupSchema, body);
        await groups(deps).deleteLogGroup(request.logGroupName);
        return {};
      },
    },
  ],
  [
    'CreateLogStream',
    {
      access: 'ingest',
      run: async (deps, body) => {
        const request = parseRequest(createLogStreamSchema, body);
        await groups(deps).createLogStream(request.logGroupName, request.logStreamName, deps.now());
        return {};
      },
    },
  ],
  [
    'DeleteLogStream',
    {
      access: 'query',
      run: async (deps, body) => {
        const request = parseRequest(deleteLogStreamSchema, body);
        await groups(deps).deleteLogStream(request.logGroupName, request.logStreamName);
        return {};
      },
    },
  ],
  [
    'PutRetentionPolicy',
    {
      access: 'ingest',
      run: async (deps, body) => {
        const request = parseRequest(putRetentionPolicySchema, body);
        await groups(deps).putRetentionPolicy(request.logGroupName, request.retentionInDays);
        return {};
      },
    },
  ],
  [
    'DeleteRetentionPolicy',
    {
      access: 'query',
      run: async (deps, body) => {
        const request = parseRequest(deleteRetentionPolicySchema, body);
        await groups(deps).putRetentionPolicy(request.logGroupName, undefined);
        return {};
      },
    },
  ],
  [
    'PutLogEvents',
    {
      access: 'ingest',
      run: (deps, body) =>
        groups(deps).putLogEvents(parseRequest(putLogEventsSchema, body), deps.now()),
    },
  ],
  [
    'DescribeLogGroups',
    {
      access: 'ingest',
      run: (deps, body, arns) =>
        describeLogGroups(deps.store, parseRequest(describeLogGroupsSchema, body), arns),
    },
  ],
  [
    'DescribeLogStreams',
    {
      access: 'ingest',
      run: (deps, body, arns) =>
        describeLogStreams(deps.store, parseRequest(describeLogStreamsSchema, body), arns),
    },
  ],
  [
    'GetLogEvents',
    {
      access: 'query',
      run: (deps, body) => getLogEvents(deps.store, parseRequest(getLogEventsSchema, body)),
    },
  ],
  [
    'FilterLogEvents',
    {
      access: 'query',
      run: (deps, body) => filterLogEvents(deps.store, parseRequest(filterLogEventsSchema, body)),
    },
  ],
]);
