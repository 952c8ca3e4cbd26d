import {
  CloudWatchLogsError,
  groupNotFound,
  invalidParameter,
  streamNotFound,
} from '../receivers/cloudwatch-logs/cloudwatch-logs-error.js';
import type {
  CreateLogGroupRequest,
  PutLogEventsRequest,
} from '../receivers/cloudwatch-logs/cloudwatch-logs-schemas.js';
import { logEventsToBatch } from '../receivers/cloudwatch-logs/log-events-to-model.js';
import {
  acceptLogEvents,
  type RejectedLogEventsInfo,
} from '../receivers/cloudwatch-logs/put-log-events-limits.js';
import { isOtlpGroup, OTLP_GROUP_PREFIX } from './log-event-scope.js';
import { SIGNAL } from './schema.js';
import type { TelemetryStore } from './telemetry-store.js';

export interface LogGroupRecord {
  readonly name: string;
  readonly creationTimeMs: number;
  retentionDays: number | undefined;
  readonly kmsKeyId: string | undefined;
  readonly logGroupClass: string;
}

export interface LogStreamRecord {
  readonly groupName: string;
  readonly name: string;
  readonly creationTimeMs: number;
  firstEventMs: number | undefined;
  lastEventMs: number | undefined;
  lastIngestionMs: number | undefined;
  storedBytes: number;
  uploadSequence: number;
}

export interface PutLogEventsResult {
  readonly nextSequenceToken: string;
  readonly rejectedLogEventsInfo?: RejectedLogEventsInfo;
}

const instances = new WeakMap<TelemetryStore, LogGroupsStore>();

/**
 * CloudWatch Logs groups and streams over the telemetry store. All writes of one store go
 * through one instance (`LogGroupsStore.of`): it serializes its metadata statements, so parallel
 * PutLogEvents on one stream never conflict in DuckDB, and keeps groups and streams in memory,
 * so PutLogEvents checks them without a read. Events themselves go through the store's writer.
 */
export class LogGroupsStore {
  readonly #groups = new Map<string, LogGroupRecord>();
  readonly #streams = new Map<string, Map<string, LogStreamRecord>>();
  /** Groups (and group/stream keys) being deleted: refused to writers until the delete is done. */
  readonly #deleting = new Set<string>();
  readonly #inFlight = new Map<string, Set<Promise<unknown>>>();
  #loaded: Promise<void> | undefined;
  #serial: Promise<unknown> = Promise.resolve();

  private constructor(private readonly store: TelemetryStore) {}

  static of(store: TelemetryStore): LogGroupsStore {
    let instance = instances.get(store);
    if (instance === undefined) {
      instance = new LogGroupsStore(store);
      instances.set(store, instance);
    }
    return instance;
  }

  async group(name: string): Promise<LogGroupRecord | undefined> {
    await this.#load();
    return this.#deleting.has(name) ? undefined : this.#groups.get(name);
  }

  async stream(groupName: string, name: string): Promise<LogStreamRecord | undefined> {
    await this.#load();
    return this.#deleting.has(groupName) || this.#deleting.has(streamKey(groupName, name))
      ? undefined
      : this.#streams.get(groupName)?.get(name);
  }

  /** A group the API can read: a created one, or `otlp/<service>` once that service sent logs. */
  async readableGroupExists(name: string): Promise<boolean> {
    if (!isOtlpGroup(name)) return (await this.group(name)) !== undefined;
    const rows = await this.store.query(
      `SELECT 1 FROM events WHERE signal = ${SIGNAL.log} AND log_group IS NULL AND service = $1 LIMIT 1`,
      [name.slice(OTLP_GROUP_PREFIX.length)],
    );
    return rows.length > 0;
  }

  async createLogGroup(request: CreateLogGroupRequest, nowMs: number): Promise<void> {
    refuseOtlpGroup(request.logGroupName);
    await this.#load();
    await this.#serialize(async () => {
      if (this.#groups.has(request.logGroupName) || this.#deleting.has(request.logGroupName)) {
        throw new CloudWatchLogsError(
          'ResourceAlreadyExistsException',
          'The specified log group already exists',
        );
      }
      const group: LogGroupRecord = {
        name: request.logGroupName,
        creationTimeMs: nowMs,
        retentionDays: undefined,
        kmsKeyId: request.kmsKeyId,
        logGroupClass: request.logGroupClass ?? 'STANDARD',
      };
      await this.store.query(
        'INSERT INTO cloudwatch_log_groups VALUES ($1, $2, NULL, $3, $4, $5)',
        [
          group.name,
          BigInt(nowMs),
          group.kmsKeyId ?? null,
          group.logGroupClass,
          JSON.stringify(request.tags ?? {}),
        ],
      );
      this.#groups.set(group.name, group);
      this.#streams.set(group.name, new Map());
    });
  }

  /** Deletes the group, its streams and their events; writes still in flight land first. */
  async deleteLogGroup(name: string): Promise<void> {
    refuseOtlpGroup(name);
    if ((await this.group(name)) === undefined) throw groupNotFound();
    this.#deleting.add(name);
    try {
      await Promise.allSettled([...(this.#inFlight.get(name) ?? [])]);
      await this.#serialize(async () => {
        // Children first: a delete cut short leaves a smaller group that a retry finishes.
        await this.store.query(`DELETE FROM logs WHERE signal = ${SIGNAL.log} AND log_group = $1`, [
          name,
        ]);
        await this.store.query('DELETE FROM cloudwatch_log_streams WHERE group_name = $1', [name]);
        await this.store.query('DELETE FROM cloudwatch_log_groups WHERE name = $1', [name]);
        this.#groups.delete(name);
        this.#streams.delete(name);
      });
    } finally {
      this.#deleting.delete(name);
    }
  }

  async createLogStream(groupName: string, name: string, nowMs: number): Promise<void> {
    refuseOtlpGroup(groupName);
    if ((await this.group(groupName)) === undefined) throw groupNotFound();
    await this.#serialize(async () => {
      const streams = this.#streams.get(groupName);
      if (streams === undefined) throw groupNotFound();
      if (streams.has(name)) {
        throw new CloudWatchLogsError(
          'ResourceAlreadyExistsException',
          'The specified log stream already exists',
        );
      }
      await this.store.query(
        'INSERT INTO cloudwatch_log_streams VALUES ($1, $2, $3, NULL, NULL, NULL, 0, 0)',
        [groupName, name, BigInt(nowMs)],
      );
      streams.set(name, {
        groupName,
        name,
        creationTimeMs: nowMs,
        firstEventMs: undefined,
        lastEventMs: undefined,
        lastIngestionMs: undefined,
        storedBytes: 0,
        uploadSequence: 0,
      });
    });
  }

  async deleteLogStream(groupName: string, name: string): Promise<void> {
    refuseOtlpGroup(groupName);
    if ((await this.group(groupName)) === undefined) throw groupNotFound();
    if ((await this.stream(groupName, name)) === undefined) throw streamNotFound();
    const key = streamKey(groupName, name);
    this.#deleting.add(key);
    try {
      await Promise.allSettled([...(this.#inFlight.get(groupName) ?? [])]);
      await this.#serialize(async () => {
        await this.store.query(
          `DELETE FROM logs WHERE signal = ${SIGNAL.log} AND log_group = $1 AND log_stream = $2`,
          [groupName, name],
        );
        await this.store.query(
          'DELETE FROM cloudwatch_log_streams WHERE group_name = $1 AND name = $2',
          [groupName, name],
        );
        this.#streams.get(groupName)?.delete(name);
      });
    } finally {
      this.#deleting.delete(key);
    }
  }

  async putRetentionPolicy(groupName: string, days: number | undefined): Promise<void> {
    refuseOtlpGroup(groupName);
    const group = await this.group(groupName);
    if (group === undefined) throw groupNotFound();
    await this.#serialize(async () => {
      await this.store.query(
        'UPDATE cloudwatch_log_groups SET retention_days = $2 WHERE name = $1',
        [groupName, days ?? null],
      );
      group.retentionDays = days;
    });
  }

  /**
   * Stores the acceptable events of one call (see `acceptLogEvents`) and answers once they are
   * committed. The stream's statistics are updated after the events are durable; a crash in
   * between leaves them short, never the events.
   */
  async putLogEvents(request: PutLogEventsRequest, nowMs: number): Promise<PutLogEventsResult> {
    const { logGroupName: groupName, logStreamName: streamName, logEvents } = request;
    refuseOtlpGroup(groupName);
    const group = await this.group(groupName);
    if (group === undefined) throw groupNotFound();
    if ((await this.stream(groupName, streamName)) === undefined) throw streamNotFound();
    const accepted = acceptLogEvents(logEvents, nowMs, group.retentionDays);
    // From this check to `#track` nothing awaits, so a delete either waits for this call or
    // this call sees the delete.
    if (this.#deleting.has(groupName)) throw groupNotFound();
    if (this.#deleting.has(streamKey(groupName, streamName))) throw streamNotFound();
    const work = (async () => {
      await this.store.ingest(logEventsToBatch(groupName, streamName, logEvents, accepted, nowMs));
      return this.#serialize(async () => {
        const stream = this.#streams.get(groupName)?.get(streamName);
        if (stream === undefined) throw streamNotFound();
        if (accepted.end > accepted.start) {
          const first = logEvents[accepted.start]!.timestamp;
          const last = logEvents[accepted.end - 1]!.timestamp;
          stream.firstEventMs = Math.min(stream.firstEventMs ?? first, first);
          stream.lastEventMs = Math.max(stream.lastEventMs ?? last, last);
          stream.lastIngestionMs = nowMs;
          stream.storedBytes += accepted.messageBytes;
        }
        stream.uploadSequence += 1;
        await this.store.query(
          `UPDATE cloudwatch_log_streams SET first_event_ms = $3, last_event_ms = $4,
             last_ingestion_ms = $5, stored_bytes = $6, upload_sequence = $7
           WHERE group_name = $1 AND name = $2`,
          [
            groupName,
            streamName,
            optionalBigInt(stream.firstEventMs),
            optionalBigInt(stream.lastEventMs),
            optionalBigInt(stream.lastIngestionMs),
            BigInt(stream.storedBytes),
            BigInt(stream.uploadSequence),
          ],
        );
        return sequenceToken(stream.uploadSequence);
      });
    })();
    this.#track(groupName, work);
    const nextSequenceToken = await work;
    return accepted.rejected === undefined
      ? { nextSequenceToken }
      : { nextSequenceToken, rejectedLogEventsInfo: accepted.rejected };
  }

  #track(groupName: string, work: Promise<unknown>): void {
    let set = this.#inFlight.get(groupName);
    if (set === undefined) {
      set = new Set();
      this.#inFlight.set(groupName, set);
    }
    set.add(work);
    const done = (): void => {
      set.delete(work);
      if (set.size === 0) this.#inFlight.delete(groupName);
    };
    work.then(done, done);
  }

  /** Metadata statements run one at a time, in call order. */
  #serialize<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#serial.then(task, task);
    this.#serial = result.catch(() => undefined);
    return result;
  }

  #load(): Promise<void> {
    this.#loaded ??= this.#readAll().catch((error: unknown) => {
      this.#loaded = undefined;
      throw error;
    });
    return this.#loaded;
  }

  async #readAll(): Promise<void> {
    const groups = await this.store.query('SELECT * FROM cloudwatch_log_groups');
    for (const row of groups) {
      const name = String(row.name);
      this.#groups.set(name, {
        name,
        creationTimeMs: Number(row.creation_time_ms),
        retentionDays: optionalNumber(row.retention_days),
        kmsKeyId: (row.kms_key_id as string | null) ?? undefined,
        logGroupClass: String(row.log_group_class),
      });
      this.#streams.set(name, new Map());
    }
    const streams = await this.store.query('SELECT * FROM cloudwatch_log_streams');
    for (const row of streams) {
      const groupName = String(row.group_name);
      this.#streams.get(groupName)?.set(String(row.name), {
        groupName,
        name: String(row.name),
        creationTimeMs: Number(row.creation_time_ms),
        firstEventMs: optionalNumber(row.first_event_ms),
        lastEventMs: optionalNumber(row.last_event_ms),
        lastIngestionMs: optionalNumber(row.last_ingestion_ms),
        storedBytes: Number(row.stored_bytes),
        uploadSequence: Number(row.upload_sequence),
      });
    }
  }
}

function streamKey(groupName: string, streamName: string): string {
  return `${groupName}\u0000${streamName}`;
}

/** `otlp/…` groups show OTLP logs; they are read-only through this API. */
function refuseOtlpGroup(name: string): void {
  if (isOtlpGroup(name)) {
    throw invalidParameter(
      `Log group names starting with "${OTLP_GROUP_PREFIX}" are reserved for OTLP logs and are read-only.`,
    );
  }
}

/** Shaped like the service's (56 digits); the service ignores tokens sent back, and so do we. */
export function sequenceToken(sequence: number): string {
  return String(sequence).padStart(56, '0');
}

function optionalBigInt(value: number | undefined): bigint | null {
  return value === undefined ? null : BigInt(value);
}

function optionalNumber(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}
