import type { ErrorOccurrence } from '../model/error-occurrence.js';
import { OCCURRENCE_COLUMNS } from './error-schema.js';

/* Pure helpers of the error writer: a turn's occurrences as columns, and per-item tallies. */

/** One report of a turn, as the writer rows it. */
export interface TurnOccurrence {
  readonly occurrence: ErrorOccurrence;
  readonly receivedMs: number;
}

/** Per item, over a turn's stored occurrences (indexes into the turn). */
export interface ItemTally {
  count: number;
  first: number;
  earliest: number;
  latest: number;
}

/** The identity of an item: its environment and fingerprint. */
export function itemKey(occurrence: { environment: string; fingerprint: string }): string {
  return `${occurrence.environment}\u0000${occurrence.fingerprint}`;
}

/** Per item: how many of the turn's occurrences were stored, and which came first and last. */
export function tally(
  turn: readonly TurnOccurrence[],
  itemIds: readonly number[],
  inserted: ReadonlySet<number>,
): Map<number, ItemTally> {
  const tallies = new Map<number, ItemTally>();
  for (let i = 0; i < turn.length; i++) {
    if (!inserted.has(i)) continue;
    const time = turn[i]!.occurrence.timeMs;
    const counts = tallies.get(itemIds[i]!);
    if (counts === undefined) {
      tallies.set(itemIds[i]!, { count: 1, first: i, earliest: i, latest: i });
      continue;
    }
    counts.count++;
    if (time < turn[counts.earliest]!.occurrence.timeMs) counts.earliest = i;
    if (time >= turn[counts.latest]!.occurrence.timeMs) counts.latest = i;
  }
  return tallies;
}

export function occurrenceColumns(
  turn: readonly TurnOccurrence[],
  firstId: number,
  itemIds: readonly number[],
  kept: readonly number[],
): unknown[][] {
  const rows = kept.map((i) => {
    const { occurrence: o, receivedMs } = turn[i]!;
    return [
      BigInt(firstId + i),
      o.uuid,
      BigInt(itemIds[i]!),
      BigInt(o.timeMs),
      BigInt(receivedMs),
      o.level,
      o.environment,
      o.exceptionClass,
      o.message,
      o.traceId,
      o.spanId,
      o.codeVersion,
      o.framework,
      o.platform,
      o.language,
      o.context,
      o.host,
      o.personId,
      o.requestJson,
      o.personJson,
      o.dataJson,
    ];
  });
  return OCCURRENCE_COLUMNS.map((_, c) => rows.map((row) => row[c]));
}
