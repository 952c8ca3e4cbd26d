import { z } from 'zod';
import { hash64 } from '../model/hash64.js';
import { FilterPatternSyntaxError } from '../query/filter-pattern/filter-pattern-ast.js';
import { compileFilterPattern } from '../query/filter-pattern/match-filter-pattern.js';
import { parseFilterPattern } from '../query/filter-pattern/parse-filter-pattern.js';
import { SqlParams } from '../query/sql-params.js';
import {
  groupNotFound,
  invalidParameter,
  streamNotFound,
} from '../receivers/cloudwatch-logs/cloudwatch-logs-error.js';
import {
  type FilterLogEventsRequest,
  type GetLogEventsRequest,
  groupNameOf,
} from '../receivers/cloudwatch-logs/cloudwatch-logs-schemas.js';
import { isOtlpGroup, logGroupScope } from './log-event-scope.js';
import { LogGroupsStore } from './log-groups-store.js';
import { decodePageToken, encodePageToken, invalidToken } from './log-page-token.js';
import type { TelemetryStore } from './telemetry-store.js';

export interface OutputLogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
}

export interface FilteredLogEvent extends OutputLogEvent {
  logStreamName: string;
  eventId: string;
}

/** A page holds at most this many bytes (message bytes + 26 per event) besides `limit` events. */
const MAX_PAGE_BYTES = 1_048_576;
const EVENT_OVERHEAD_BYTES = 26;
const MAX_EVENTS = 10_000;
/** FilterLogEvents reads candidates in chunks and stops after this many per call. */
const SCAN_CHUNK = 10_000;
const SCAN_BUDGET = 200_000;

/** Events sort by (time, id); a cursor is the gap just after (`a`) or just before (`b`) a key. */
const keySchema = {
  t: z.string().regex(/^-?\d{1,19}$/),
  i: z.string().regex(/^\d{1,20}$/),
  q: z.string().max(20),
};
const gapSchema = z.object({ ...keySchema, s: z.enum(['a', 'b']) });
type Gap = z.infer<typeof gapSchema>;
const filterTokenSchema = z.object(keySchema);

const HEAD: Omit<Gap, 'q'> = { t: '-9223372036854775808', i: '0', s: 'b' };
const TAIL: Omit<Gap, 'q'> = { t: '9223372036854775807', i: '18446744073709551615', s: 'a' };

interface EventRow {
  readonly t: bigint;
  readonly id: string;
  readonly message: string;
  readonly stream: string;
  readonly ingestionMs: number;
}

/**
 * GetLogEvents: one stream's events in time order, a page at a time, forward or backward. At the
 * end of the stream the token that was sent comes back, as the service answers (clients stop on
 * it, e.g. `paginateGetLogEvents(…, { stopOnSameToken: true })`).
 */
export async function getLogEvents(
  store: TelemetryStore,
  request: GetLogEventsRequest,
): Promise<{ events: OutputLogEvent[]; nextForwardToken: string; nextBackwardToken: string }> {
  const groupName = groupNameOf(request);
  const stream = request.logStreamName;
  await requireStream(store, groupName, stream);
  const fingerprint = hash64('get', groupName, stream).toString(36);
  let forward: boolean;
  let gap: Omit<Gap, 'q'>;
  if (request.nextToken !== undefined) {
    const match = /^([fb])\/(.+)$/.exec(request.nextToken);
    if (!match) throw invalidToken();
    const decoded = decodePageToken(match[2]!, gapSchema);
    if (decoded.q !== fingerprint) throw invalidToken();
    forward = match[1] === 'f';
    gap = decoded;
  } else {
    forward = request.startFromHead === true;
    gap = forward ? HEAD : TAIL;
  }
  const limit = request.limit ?? MAX_EVENTS;
  const params = new SqlParams();
  const scope = logGroupScope(groupName, params, store.catalog);
  const time = params.add(gap.t);
  const key = `(${time}::BIGINT, ${params.add(gap.i)}::UBIGINT)`;
  const comparison = forward ? (gap.s === 'a' ? '>' : '>=') : gap.s === 'a' ? '<=' : '<';
  const where = [
    scope.where,
    `${scope.stream} = ${params.add(stream)}`,
    // The plain time bound lets DuckDB skip row groups by their min/max; the pair orders ties.
    `e.time_unix_nano ${forward ? '>=' : '<='} ${time}::BIGINT`,
    `(e.time_unix_nano, e.event_id) ${comparison} ${key}`,
    ...timeRange(request, params),
  ];
  const direction = forward ? 'ASC' : 'DESC';
  const rows = await readRows(
    store,
    `SELECT ${columns(scope)} FROM ${scope.from} WHERE ${where.join(' AND ')}
     ORDER BY e.time_unix_nano ${direction}, e.event_id ${direction} LIMIT ${limit}`,
    params.values,
  );
  const page = takeWithinBytes(rows, limit);
  if (!forward) page.reverse();
  const token = (d: 'f' | 'b', g: Omit<Gap, 'q'>) =>
    `${d}/${encodePageToken({ t: g.t, i: g.i, s: g.s, q: fingerprint })}`;
  const first = page[0];
  const last = page.at(-1);
  const sent = request.nextToken;
  return {
    events: page.map((row) => ({
      timestamp: Number(row.t / 1_000_000n),
      message: row.message,
      ingestionTime: row.ingestionMs,
    })),
    nextForwardToken:
      last !== undefined
        ? token('f', { t: String(last.t), i: last.id, s: 'a' })
        : forward && sent !== undefined
          ? sent
          : token('f', gap),
    nextBackwardToken:
      first !== undefined
        ? token('b', { t: String(first.t), i: first.id, s: 'b' })
        : !forward && sent !== undefined
          ? sent
          : token('b', gap),
  };
}

/**
 * FilterLogEvents: a group's events (optionally some streams, a time range) that match the
 * filter pattern, oldest first across streams. Group, streams, time and plain terms are filtered
 * in SQL; the pattern itself is matched here. A call reads at most 200,000 candidates, so a page
 * can be short or empty while `nextToken` is present; only a missing `nextToken` ends the search.
 */
export async function filterLogEvents(
  store: TelemetryStore,
  request: FilterLogEventsRequest,
): Promise<{ events: FilteredLogEvent[]; nextToken?: string }> {
  const groupName = groupNameOf(request);
  if (request.logStreamNames !== undefined && request.logStreamNamePrefix !== undefined) {
    throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive.');
  }
  let pattern: ReturnType<typeof parseFilterPattern>;
  try {
    pattern = parseFilterPattern(request.filterPattern);
  } catch (error) {
    if (error instanceof FilterPatternSyntaxError) throw invalidParameter(error.message);
    throw error;
  }
  if (!(await LogGroupsStore.of(store).readableGroupExists(groupName))) throw groupNotFound();
  const matches = compileFilterPattern(pattern);
  const fingerprint = hash64(
    'filter',
    groupName,
    JSON.stringify(request.logStreamNames ?? null),
    request.logStreamNamePrefix ?? '',
    String(request.startTime ?? ''),
    String(request.endTime ?? ''),
    request.filterPattern ?? '',
  ).toString(36);
  let after: { t: string; i: string } | undefined;
  if (request.nextToken !== undefined) {
    const token = decodePageToken(request.nextToken, filterTokenSchema);
    if (token.q !== fingerprint) throw invalidToken();
    after = token;
  }

  const limit = request.limit ?? MAX_EVENTS;
  const events: FilteredLogEvent[] = [];
  let bytes = 0;
  let scanned = 0;
  // Without a pattern, or with plain terms, SQL decides alone: read only what the page still needs.
  const exactInSql = pattern.kind === 'all' || pattern.kind === 'terms';
  for (;;) {
    const chunk = exactInSql ? Math.min(limit - events.length, SCAN_CHUNK) : SCAN_CHUNK;
    const params = new SqlParams();
    const scope = logGroupScope(groupName, params, store.catalog);
    const where = [scope.where, ...timeRange(request, params)];
    if (request.logStreamNames !== undefined) {
      where.push(
        `${scope.stream} IN (${request.logStreamNames.map((s) => params.add(s)).join(', ')})`,
      );
    }
    if (request.logStreamNamePrefix !== undefined) {
      where.push(`starts_with(${scope.stream}, ${params.add(request.logStreamNamePrefix)})`);
    }
    if (pattern.kind === 'terms') {
      const has = (term: string) => `contains(coalesce(e.body, ''), ${params.add(term)})`;
      where.push(...pattern.required.map(has));
      where.push(...pattern.excluded.map((term) => `NOT ${has(term)}`));
      if (pattern.anyOf.length > 0) where.push(`(${pattern.anyOf.map(has).join(' OR ')})`);
    }
    if (after !== undefined) {
      // The plain time bound lets DuckDB skip row groups by their min/max; the pair orders ties.
      const time = params.add(after.t);
      where.push(
        `e.time_unix_nano >= ${time}::BIGINT`,
        `(e.time_unix_nano, e.event_id) > (${time}::BIGINT, ${params.add(after.i)}::UBIGINT)`,
      );
    }
    const rows = await readRows(
      store,
      `SELECT ${columns(scope)} FROM ${scope.from} WHERE ${where.join(' AND ')}
       ORDER BY e.time_unix_nano, e.event_id LIMIT ${chunk}`,
      params.values,
    );
    for (const row of rows) {
      if (matches(row.message)) {
        const size = Buffer.byteLength(row.message, 'utf8') + EVENT_OVERHEAD_BYTES;
        if (events.length > 0 && bytes + size > MAX_PAGE_BYTES)
          return { events, nextToken: token(after) };
        bytes += size;
        events.push({
          logStreamName: row.stream,
          timestamp: Number(row.t / 1_000_000n),
          message: row.message,
          ingestionTime: row.ingestionMs,
          eventId: row.id,
        });
      }
      after = { t: String(row.t), i: row.id };
      scanned++;
      if (events.length >= limit) {
        return row === rows.at(-1) && rows.length < chunk
          ? { events }
          : { events, nextToken: token(after) };
      }
    }
    if (rows.length < chunk) return { events };
    if (scanned >= SCAN_BUDGET) return { events, nextToken: token(after) };
  }

  function token(position: { t: string; i: string } | undefined): string {
    return encodePageToken({ ...(position ?? HEAD), q: fingerprint });
  }
}

async function requireStream(
  store: TelemetryStore,
  groupName: string,
  stream: string,
): Promise<void> {
  const groups = LogGroupsStore.of(store);
  if (!(await groups.readableGroupExists(groupName))) throw groupNotFound();
  if (isOtlpGroup(groupName)) return;
  if ((await groups.stream(groupName, stream)) === undefined) throw streamNotFound();
}

function timeRange(
  request: { startTime?: number | undefined; endTime?: number | undefined },
  params: SqlParams,
): string[] {
  const where: string[] = [];
  if (request.startTime !== undefined) {
    where.push(`e.time_unix_nano >= ${params.add(BigInt(request.startTime) * 1_000_000n)}`);
  }
  if (request.endTime !== undefined) {
    where.push(`e.time_unix_nano < ${params.add(BigInt(request.endTime) * 1_000_000n)}`);
  }
  return where;
}

function columns(scope: { stream: string; ingestionMs: string }): string {
  return `e.time_unix_nano AS t, e.event_id::VARCHAR AS id, coalesce(e.body, '') AS message,
          ${scope.stream} AS stream, ${scope.ingestionMs} AS ingestion_ms`;
}

async function readRows(
  store: TelemetryStore,
  sql: string,
  params: unknown[],
): Promise<EventRow[]> {
  const rows = await store.query(sql, params);
  return rows.map((row) => ({
    t: BigInt(row.t as bigint),
    id: String(row.id),
    message: String(row.message),
    stream: String(row.stream),
    ingestionMs: Number(row.ingestion_ms),
  }));
}

/** At most `limit` rows whose messages (+26 bytes each) fit in a page; at least one row. */
function takeWithinBytes(rows: readonly EventRow[], limit: number): EventRow[] {
  const page: EventRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = Buffer.byteLength(row.message, 'utf8') + EVENT_OVERHEAD_BYTES;
    if (page.length >= limit || (page.length > 0 && bytes + size > MAX_PAGE_BYTES)) break;
    bytes += size;
    page.push(row);
  }
  return page;
}
