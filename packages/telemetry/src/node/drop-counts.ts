/**
 * Drops counted per reason, with the last error seen: plain integer additions, so counting a
 * drop costs the caller nothing. Spans and log events each name their own reasons.
 */
export class DropCounts<Reason extends string> {
  lastError: string | undefined;

  constructor(readonly droppedByReason: Record<Reason, number>) {}

  recordDropped(reason: Reason, count: number, error?: string): void {
    this.droppedByReason[reason] += count;
    if (error !== undefined) this.lastError = error;
  }

  get dropped(): number {
    let total = 0;
    for (const count of Object.values<number>(this.droppedByReason)) total += count;
    return total;
  }
}
