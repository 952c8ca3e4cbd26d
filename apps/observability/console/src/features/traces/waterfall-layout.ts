import type { SpanView } from '../../../../src/contract/trace-view.js';

/** One visible row of the waterfall: the span, its depth in the tree and its bar's geometry. */
export interface WaterfallRow {
  readonly span: SpanView;
  readonly depth: number;
  /** Milliseconds from the trace's first span start. */
  readonly startOffsetMs: number;
  /** Bar position and width as percentages of the trace's duration. */
  readonly leftPct: number;
  readonly widthPct: number;
  readonly childCount: number;
  readonly collapsed: boolean;
  readonly critical: boolean;
}

export interface WaterfallLayout {
  readonly rows: readonly WaterfallRow[];
  readonly durationMs: number;
  readonly startTimeUnixNano: bigint;
  readonly services: readonly string[];
  readonly criticalPath: ReadonlySet<string>;
}

interface Node {
  readonly span: SpanView;
  readonly startMs: number;
  readonly endMs: number;
  readonly children: Node[];
}

/**
 * The span tree: children under their parent sorted by start; a span whose parent is missing
 * (not arrived, or dropped) becomes a root so it is never hidden.
 */
export function spanTree(spans: readonly SpanView[]): {
  roots: Node[];
  start: bigint;
  end: number;
} {
  if (spans.length === 0) return { roots: [], start: 0n, end: 0 };
  let start = BigInt(spans[0]!.startTimeUnixNano);
  for (const s of spans) {
    const t = BigInt(s.startTimeUnixNano);
    if (t < start) start = t;
  }
  const nodes = new Map<string, Node>();
  for (const span of spans) {
    const startMs = Number(BigInt(span.startTimeUnixNano) - start) / 1e6;
    nodes.set(span.spanId, { span, startMs, endMs: startMs + span.durationMs, children: [] });
  }
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parentId = node.span.parentSpanId;
    const parent = parentId === null ? undefined : nodes.get(parentId);
    if (parent === undefined || parent === node) roots.push(node);
    else parent.children.push(node);
  }
  const byStart = (a: Node, b: Node) => a.startMs - b.startMs || a.endMs - b.endMs;
  // Parent links that loop (bad data) reach no root: the loop's first span becomes one.
  const reached = new Set<Node>();
  const reach = (node: Node) => {
    const stack = [node];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (reached.has(next)) continue;
      reached.add(next);
      stack.push(...next.children);
    }
  };
  for (const root of roots) reach(root);
  for (const node of nodes.values()) {
    if (reached.has(node)) continue;
    roots.push(node);
    reach(node);
  }
  roots.sort(byStart);
  for (const node of nodes.values()) node.children.sort(byStart);
  let end = 0;
  for (const node of nodes.values()) end = Math.max(end, node.endMs);
  return { roots, start, end };
}

/**
 * The critical path: walking back from the end of each span, the child that finished last
 * before the cursor is what the parent waited for; spans running in parallel with it are not.
 */
export function criticalPath(spans: readonly SpanView[]): Set<string> {
  const { roots, end } = spanTree(spans);
  const path = new Set<string>();
  const visited = new Set<Node>();
  const walk = (children: readonly Node[], from: number, until: number) => {
    let cursor = until;
    const byEnd = [...children].sort((a, b) => b.endMs - a.endMs);
    for (const child of byEnd) {
      if (cursor <= from) break;
      if (child.startMs >= cursor || visited.has(child)) continue;
      visited.add(child);
      path.add(child.span.spanId);
      walk(child.children, child.startMs, Math.min(child.endMs, cursor));
      cursor = Math.min(cursor, child.startMs);
    }
  };
  walk(roots, 0, end);
  return path;
}

/** The rows to draw: a depth-first walk that skips the descendants of collapsed spans. */
export function layoutWaterfall(
  spans: readonly SpanView[],
  collapsed: ReadonlySet<string> = new Set(),
): WaterfallLayout {
  const { roots, start, end } = spanTree(spans);
  const critical = criticalPath(spans);
  const duration = end > 0 ? end : 1;
  const rows: WaterfallRow[] = [];
  const services: string[] = [];
  const seen = new Set<Node>();
  const visit = (node: Node, depth: number) => {
    if (seen.has(node)) return;
    seen.add(node);
    if (!services.includes(node.span.service)) services.push(node.span.service);
    const isCollapsed = collapsed.has(node.span.spanId) && node.children.length > 0;
    rows.push({
      span: node.span,
      depth,
      startOffsetMs: node.startMs,
      leftPct: (node.startMs / duration) * 100,
      widthPct: (node.span.durationMs / duration) * 100,
      childCount: node.children.length,
      collapsed: isCollapsed,
      critical: critical.has(node.span.spanId),
    });
    if (!isCollapsed) for (const child of node.children) visit(child, depth + 1);
  };
  // An explicit stack would avoid deep recursion, but spans nest a few dozen deep at most.
  for (const root of roots) visit(root, 0);
  return { rows, durationMs: end, startTimeUnixNano: start, services, criticalPath: critical };
}

/** Every span that has children: what "collapse all" collapses. */
export function parentSpanIds(spans: readonly SpanView[]): Set<string> {
  const ids = new Set<string>();
  for (const s of spans) if (s.parentSpanId !== null) ids.add(s.parentSpanId);
  return ids;
}

/** Height of one waterfall row in pixels; the windowing below relies on it being fixed. */
export const ROW_HEIGHT = 25;

/**
 * The rows to put in the DOM for a scroll position: those in view plus `overscan` either side,
 * so a 2,000-span trace costs a screenful of elements, not 2,000 rows' worth.
 */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowCount: number,
  overscan = 20,
): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / ROW_HEIGHT);
  const inView = Math.ceil(Math.max(viewportHeight, ROW_HEIGHT) / ROW_HEIGHT);
  return {
    start: Math.max(0, Math.min(first - overscan, rowCount)),
    end: Math.min(rowCount, first + inView + overscan),
  };
}

/** The scroll position that brings row `index` into view, or `scrollTop` if it is in view. */
export function scrollToRow(scrollTop: number, viewportHeight: number, index: number): number {
  const top = index * ROW_HEIGHT;
  if (top < scrollTop) return top;
  if (top + ROW_HEIGHT > scrollTop + viewportHeight) return top + ROW_HEIGHT - viewportHeight;
  return scrollTop;
}
