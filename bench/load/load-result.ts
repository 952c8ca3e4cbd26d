/** What a load client reports on its last stdout line (JSON). */
export interface LoadResult {
  readonly requests: number;
  readonly acked: number;
  /** Spans acknowledged in the timed phase. */
  readonly spansAcked: number;
  /** Spans acknowledged during warm-up (stored too, not timed). */
  readonly warmupSpansAcked: number;
  readonly statuses: Record<string, number>;
  readonly retries: number;
  readonly elapsedMs: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly bytesSent: number;
  readonly clientCpuSeconds: number;
  /** Span start times of the run, in Unix nanoseconds (decimal strings). */
  readonly firstStartNanos: string;
  readonly lastStartNanos: string;
}

export interface LoadOptions {
  readonly url: string;
  readonly templates: string;
  readonly requests: number;
  readonly warmup: number;
  readonly concurrency: number;
  /** Offset added to request numbers so separate runs never reuse an id mask. */
  readonly firstRequest: number;
}
