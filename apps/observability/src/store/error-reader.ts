import type {
  ErrorItemSummary,
  ErrorItemView,
  ErrorOccurrenceView,
} from '../contract/error-view.js';
import type { ErrorItemStatus, ErrorLevel } from '../model/error-occurrence.js';
import { type SpanId, spanIdToHex, type TraceId, traceIdToHex } from '../model/ids.js';
import { type SqlParam, SqlParams } from '../query/sql-params.js';
import type { SqlRunner } from './trace-reader.js';

export interface ErrorItemFilter {
  readonly statuses?: readonly ErrorItemStatus[];
  readonly levels?: readonly ErrorLevel[];
  readonly environments?: readonly string[];
  readonly ids?: readonly number[];
  /** Case-insensitive substring of the title. */
  readonly text?: string;
}

export interface ErrorItemListOptions extends ErrorItemFilter {
  /** 1-based. */
  readonly page?: number;
  readonly pageSize?: number;
  /** Count occurrences per bucket of `[startMs, endMs)` split into `count` equal buckets. */
  readonly buckets?: { readonly startMs: number; readonly endMs: number; readonly count: number };
}

export interface ErrorItemPage {
  readonly totalCount: number;
  readonly items: readonly ErrorItemSummary[];
}

export interface OccurrencePageOptions {
  readonly page?: number;
  readonly pageSize?: number;
}

const MAX_BUCKETS = 1_000;

/** Items, most recently seen first, with per-bucket occurrence counts for sparklines. */
export async function listErrorItems(
  run: SqlRunner,
  options: ErrorItemListOptions = {},
): Promise<ErrorItemPage> {
  const params = new SqlParams();
  const where = itemFilterSql(options, params);
  const pageSize = Math.max(1, Math.min(options.pageSize ?? 100, 1_000));
  const offset = (Math.max(1, options.page ?? 1) - 1) * pageSize;
  const [total] = await run(`SELECT count(*) AS n FROM error_items ${where}`, params.values);
  const rows = await run(
    `SELECT * FROM error_items ${where}
     ORDER BY last_occurrence_ms DESC, id DESC LIMIT ${pageSize} OFFSET ${offset}`,
    params.values,
  );
  const items = rows.map(rowToItem);
  const buckets = options.buckets ? await bucketCounts(run, items, options.buckets) : new Map();
  return {
    totalCount: Number(total?.n ?? 0),
    items: items.map((item) => ({ ...item, buckets: buckets.get(item.id) ?? [] })),
  };
}

export async function readErrorItem(
  run: SqlRunner,
  id: number,
): Promise<ErrorItemView | undefined> {
  const rows = await run('SELECT * FROM error_items WHERE id = $1', [BigInt(id)]);
  return rows[0] ? rowToItem(rows[0]) : undefined;
}

/** An item's occurrences, newest first. */
export async function readItemOccurrences(
  run: SqlRunner,
  itemId: number,
  options: OccurrencePageOptions = {},
): Promise<ErrorOccurrenceView[]> {
  const pageSize = Math.max(1, Math.min(options.pageSize ?? 20, 1_000));
  const offset = (Math.max(1, options.page ?? 1) - 1) * pageSize;
  const rows = await run(
    `SELECT * FROM error_occurrences WHERE item_id = $1
     ORDER BY time_ms DESC, id DESC LIMIT ${pageSize} OFFSET ${offset}`,
    [BigInt(itemId)],
  );
  return rows.map(rowToOccurrence);
}

export async function readOccurrence(
  run: SqlRunner,
  by: { readonly id: number } | { readonly uuid: string },
): Promise<ErrorOccurrenceView | undefined> {
  const rows =
    'id' in by
      ? await run('SELECT * FROM error_occurrences WHERE id = $1', [BigInt(by.id)])
      : await run('SELECT * FROM error_occurrences WHERE uuid = $1', [by.uuid]);
  return rows[0] ? rowToOccurrence(rows[0]) : undefined;
}

/** Every occurrence reported inside one trace, oldest first, so a trace view can show its errors. */
export async function readTraceOccurrences(
  run: SqlRunner,
  traceId: TraceId,
): Promise<ErrorOccurrenceView[]> {
  const rows = await run(
    // A bigint parameter binds as signed HUGEINT and silently wraps past 2^127; text does not.
    'SELECT * FROM error_occurrences WHERE trace_id = $1::UHUGEINT ORDER BY time_ms, id',
    [traceId.toString()],
  );
  return rows.map(rowToOccurrence);
}

function itemFilterSql(filter: ErrorItemFilter, params: SqlParams): string {
  const clauses: string[] = [];
  const inList = (column: string, values: readonly SqlParam[] | undefined) => {
    if (values === undefined || values.length === 0) return;
    clauses.push(`${column} IN (${values.map((value) => params.add(value)).join(', ')})`);
  };
  inList('status', filter.statuses);
  inList('level', filter.levels);
  inList('environment', filter.environments);
  inList(
    'id',
    filter.ids?.map((id) => BigInt(id)),
  );
  if (filter.text) clauses.push(`contains(lower(title), lower(${params.add(filter.text)}))`);
  return clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
}

async function bucketCounts(
  run: SqlRunner,
  items: readonly ErrorItemView[],
  window: { startMs: number; endMs: number; count: number },
): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>();
  const count = Math.max(1, Math.min(Math.trunc(window.count), MAX_BUCKETS));
  const width = Math.max(1, Math.ceil((window.endMs - window.startMs) / count));
  if (items.length === 0) return result;
  for (const item of items) result.set(item.id, new Array<number>(count).fill(0));
  const rows = await run(
    `SELECT item_id, (time_ms - $1) // $2 AS bucket, count(*) AS n FROM error_occurrences
     WHERE item_id IN (${items.map((item) => item.id).join(', ')})
       AND time_ms >= $1 AND time_ms < $3
     GROUP BY ALL`,
    [BigInt(Math.trunc(window.startMs)), BigInt(width), BigInt(Math.trunc(window.endMs))],
  );
  for (const row of rows) {
    const buckets = result.get(Number(row.item_id));
    const index = Number(row.bucket);
    if (buckets && index >= 0 && index < count) buckets[index] = Number(row.n);
  }
  return result;
}

function rowToItem(row: Record<string, unknown>): ErrorItemView {
  return {
    id: Number(row.id),
    environment: String(row.environment),
    fingerprint: String(row.fingerprint),
    title: String(row.title),
    level: row.level as ErrorLevel,
    status: row.status as ErrorItemStatus,
    exceptionClass: textOrNull(row.exception_class),
    framework: textOrNull(row.framework),
    platform: textOrNull(row.platform),
    language: textOrNull(row.language),
    totalOccurrences: Number(row.total_occurrences),
    firstOccurrenceId: Number(row.first_occurrence_id),
    firstOccurrenceMs: Number(row.first_occurrence_ms),
    lastOccurrenceId: Number(row.last_occurrence_id),
    lastOccurrenceMs: Number(row.last_occurrence_ms),
    lastActivatedMs: numberOrNull(row.last_activated_ms),
    activatingOccurrenceId: numberOrNull(row.activating_occurrence_id),
    lastResolvedMs: numberOrNull(row.last_resolved_ms),
    resolvedInVersion: textOrNull(row.resolved_in_version),
  };
}

function rowToOccurrence(row: Record<string, unknown>): ErrorOccurrenceView {
  return {
    id: Number(row.id),
    uuid: String(row.uuid),
    itemId: Number(row.item_id),
    timeMs: Number(row.time_ms),
    receivedMs: Number(row.received_ms),
    level: row.level as ErrorLevel,
    environment: String(row.environment),
    exceptionClass: textOrNull(row.exception_class),
    message: textOrNull(row.message),
    traceId: row.trace_id === null ? null : traceIdToHex(row.trace_id as TraceId),
    spanId: row.span_id === null ? null : spanIdToHex(row.span_id as SpanId),
    codeVersion: textOrNull(row.code_version),
    framework: textOrNull(row.framework),
    platform: textOrNull(row.platform),
    language: textOrNull(row.language),
    context: textOrNull(row.context),
    host: textOrNull(row.host),
    personId: textOrNull(row.person_id),
    data: JSON.parse(String(row.data_json)) as unknown,
  };
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
