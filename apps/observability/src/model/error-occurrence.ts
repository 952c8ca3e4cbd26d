import type { SpanId, TraceId } from './ids.js';

/** Rollbar's levels, most severe first. */
export const ERROR_LEVELS = ['critical', 'error', 'warning', 'info', 'debug'] as const;
export type ErrorLevel = (typeof ERROR_LEVELS)[number];

/** An item is worked on by people: muted items still count occurrences but stay quiet. */
export const ERROR_ITEM_STATUSES = ['active', 'resolved', 'muted'] as const;
export type ErrorItemStatus = (typeof ERROR_ITEM_STATUSES)[number];

/**
 * One reported error or message (Rollbar's "occurrence"), already grouped: occurrences with the
 * same `environment` and `fingerprint` belong to one item.
 */
export interface ErrorOccurrence {
  /** The reporter's id for this occurrence; a second report with the same uuid is a re-delivery. */
  readonly uuid: string;
  readonly environment: string;
  readonly fingerprint: string;
  /** The title the item gets if this occurrence creates it. */
  readonly title: string;
  readonly level: ErrorLevel;
  /** When it happened, by the reporter's clock (the receive time when it sent none). */
  readonly timeMs: number;
  readonly exceptionClass: string | null;
  /** The exception message or the message text, for search. */
  readonly message: string | null;
  readonly traceId: TraceId | null;
  readonly spanId: SpanId | null;
  readonly codeVersion: string | null;
  readonly framework: string | null;
  readonly platform: string | null;
  readonly language: string | null;
  readonly context: string | null;
  readonly host: string | null;
  readonly personId: string | null;
  readonly requestJson: string | null;
  readonly personJson: string | null;
  /** The whole occurrence as the reporter sent it (Rollbar's `data`), as JSON. */
  readonly dataJson: string;
}
