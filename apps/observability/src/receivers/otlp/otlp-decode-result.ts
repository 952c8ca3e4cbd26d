import type { LogGroup, SpanGroup } from '../../model/telemetry-batch.js';

/**
 * What a decoder made of one export request. Items that failed validation are not in `groups`;
 * `rejected` counts them. `warnings` are short summaries (rejection reasons first, then changes
 * such as truncation) meant for the partial-success `error_message`; see `partialSuccessOf`.
 * Groups that ended up with no items are left out.
 */
export interface OtlpDecodeResult<G> {
  readonly groups: G[];
  readonly rejected: number;
  readonly warnings: string[];
}

export type TraceDecodeResult = OtlpDecodeResult<SpanGroup>;
export type LogsDecodeResult = OtlpDecodeResult<LogGroup>;
