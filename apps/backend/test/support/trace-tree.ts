import type { SpanView } from '@cruddur/observability/trace-view';

export type { SpanView };

/** A trace read back from the observability server, with the navigation the assertions need. */
export class TraceTree {
  private readonly byId: Map<string, SpanView>;

  constructor(
    readonly traceId: string,
    readonly spans: readonly SpanView[],
  ) {
    this.byId = new Map(spans.map((span) => [span.spanId, span]));
  }

  /** Spans whose parent is not in the trace: the caller's span is remote, so only the root. */
  roots(): SpanView[] {
    return this.spans.filter(
      (span) => span.parentSpanId === null || !this.byId.has(span.parentSpanId),
    );
  }

  named(name: string): SpanView[] {
    return this.spans.filter((span) => span.name === name);
  }

  /** True when `span` hangs somewhere below `ancestor` (not the span itself). */
  isDescendant(span: SpanView, ancestor: SpanView): boolean {
    let parentId = span.parentSpanId;
    const seen = new Set<string>();
    while (parentId !== null && !seen.has(parentId)) {
      if (parentId === ancestor.spanId) return true;
      seen.add(parentId);
      parentId = this.byId.get(parentId)?.parentSpanId ?? null;
    }
    return false;
  }

  descendants(ancestor: SpanView): SpanView[] {
    return this.spans.filter((span) => this.isDescendant(span, ancestor));
  }

  /** Database CLIENT spans: PGlite's own and the `pg` instrumentation's (`pg.query`, `pg-pool`). */
  dbSpans(): SpanView[] {
    return this.spans.filter((span) => span.attributes['db.system.name'] === 'postgresql');
  }

  /** The `pg.query:<OP> <db>` spans, each one statement sent to the database. */
  querySpans(): SpanView[] {
    return this.dbSpans().filter((span) => span.name.startsWith('pg.query:'));
  }

  /** Names and parents, one line each: what a failing assertion prints. */
  describe(): string {
    return this.spans
      .map((span) => {
        const depth = this.depth(span);
        const attrs = Object.entries(span.attributes)
          .filter(([key]) => key.startsWith('app.') || key.startsWith('http.'))
          .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
          .join(' ');
        return `${'  '.repeat(depth)}${span.name} [${span.kind}, ${span.status.code}] ${attrs}`;
      })
      .join('\n');
  }

  private depth(span: SpanView): number {
    let depth = 0;
    let parentId = span.parentSpanId;
    while (parentId !== null && this.byId.has(parentId) && depth < 50) {
      depth += 1;
      parentId = this.byId.get(parentId)?.parentSpanId ?? null;
    }
    return depth;
  }
}
