import { SERVICE_NAME } from '../payloads/workload.js';
import { countEvents } from '../support/honeycomb-api.js';

export interface QueryableCheck {
  readonly expected: number;
  readonly firstCount: number;
  /** Time from the end of the load until COUNT matched every acknowledged span. */
  readonly matchedAfterMs: number;
  readonly countQueries: number;
}

/** Spans a server acknowledged, and the span start times (Unix nanoseconds) they lie between. */
export interface AckedWindow {
  readonly expected: number;
  readonly firstStartNanos: string;
  readonly lastStartNanos: string;
}

/**
 * Asks the server, through the Honeycomb Query Data API, how many spans it holds for the run's
 * time window, until the count equals every span it acknowledged (2xx means committed, so the
 * first answer should already match). Gives up after `timeoutMs`.
 */
export async function checkQueryable(
  url: string,
  window: AckedWindow,
  timeoutMs = 30_000,
): Promise<QueryableCheck> {
  const { expected } = window;
  const startSec = Math.floor(Number(BigInt(window.firstStartNanos) / 1_000_000_000n)) - 5;
  const endSec = Math.ceil(Number(BigInt(window.lastStartNanos) / 1_000_000_000n)) + 60;
  const began = performance.now();
  let firstCount = -1;
  for (let queries = 1; ; queries++) {
    const count = await countEvents(url, SERVICE_NAME, startSec, endSec);
    if (firstCount < 0) firstCount = count;
    if (count === expected) {
      return {
        expected,
        firstCount,
        matchedAfterMs: performance.now() - began,
        countQueries: queries,
      };
    }
    if (count > expected)
      throw new Error(`COUNT ${count} exceeds the ${expected} acknowledged spans`);
    if (performance.now() - began > timeoutMs) {
      throw new Error(`COUNT still ${count} of ${expected} after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
