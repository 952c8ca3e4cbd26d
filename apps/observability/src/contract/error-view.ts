import type { ErrorItemStatus, ErrorLevel } from '../model/error-occurrence.js';

/** An error item (occurrences grouped by fingerprint), as the store reads it for views. */
export interface ErrorItemView {
  /** Also the item's counter: one project, so the two are the same number. */
  readonly id: number;
  readonly environment: string;
  readonly fingerprint: string;
  readonly title: string;
  readonly level: ErrorLevel;
  readonly status: ErrorItemStatus;
  readonly exceptionClass: string | null;
  readonly framework: string | null;
  readonly platform: string | null;
  readonly language: string | null;
  readonly totalOccurrences: number;
  readonly firstOccurrenceId: number;
  readonly firstOccurrenceMs: number;
  readonly lastOccurrenceId: number;
  readonly lastOccurrenceMs: number;
  readonly lastActivatedMs: number | null;
  readonly activatingOccurrenceId: number | null;
  readonly lastResolvedMs: number | null;
  readonly resolvedInVersion: string | null;
}

/** An item in a list, with occurrence counts per time bucket for a sparkline. */
export interface ErrorItemSummary extends ErrorItemView {
  /** Occurrences per bucket, oldest bucket first; empty when no buckets were asked for. */
  readonly buckets: readonly number[];
}

/** One occurrence of an item. */
export interface ErrorOccurrenceView {
  readonly id: number;
  readonly uuid: string;
  readonly itemId: number;
  readonly timeMs: number;
  readonly receivedMs: number;
  readonly level: ErrorLevel;
  readonly environment: string;
  readonly exceptionClass: string | null;
  readonly message: string | null;
  /** 32 lowercase hex digits, when the reporter attached a trace. */
  readonly traceId: string | null;
  readonly spanId: string | null;
  readonly codeVersion: string | null;
  readonly framework: string | null;
  readonly platform: string | null;
  readonly language: string | null;
  readonly context: string | null;
  readonly host: string | null;
  readonly personId: string | null;
  /** The occurrence's payload (Rollbar's `data`) as the reporter sent it, scrubbed. */
  readonly data: unknown;
}
