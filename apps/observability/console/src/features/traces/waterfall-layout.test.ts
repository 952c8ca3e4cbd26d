import { describe, expect, it } from 'vitest';
import type { SpanView } from '../../../../src/contract/trace-view.js';
import {
  criticalPath,
  layoutWaterfall,
  parentSpanIds,
  ROW_HEIGHT,
  scrollToRow,
  visibleRange,
} from './waterfall-layout.js';

const T0 = 1_763_700_000_000_000_000n;

/** A span starting `startMs` after T0, lasting `durationMs`. */
function span(
  spanId: string,
  parentSpanId: string | null,
  startMs: number,
  durationMs: number,
  service = 'api',
): SpanView {
  return {
    traceId: 'a'.repeat(32),
    spanId,
    parentSpanId,
    name: `op ${spanId}`,
    service,
    kind: 'internal',
    startTimeUnixNano: String(T0 + BigInt(Math.round(startMs * 1e6))),
    durationMs,
    status: { code: 'unset', message: '' },
    attributes: {},
    resource: {},
    events: [],
    links: [],
    source: 'otlp',
  };
}

// root 0–100 ms: a (10–40) with a1 (15–35), then b (45–95) and c (50–60) in parallel with b.
const trace = [
  span('c', 'root', 50, 10, 'db'),
  span('root', null, 0, 100, 'web'),
  span('b', 'root', 45, 50),
  span('a1', 'a', 15, 20, 'db'),
  span('a', 'root', 10, 30),
];

describe('waterfall layout', () => {
  it('orders spans depth-first, children by start time, with their depth', () => {
    const rows = layoutWaterfall(trace).rows;
    expect(rows.map((r) => [r.span.spanId, r.depth])).toEqual([
      ['root', 0],
      ['a', 1],
      ['a1', 2],
      ['b', 1],
      ['c', 1],
    ]);
    expect(rows.map((r) => r.childCount)).toEqual([3, 1, 0, 0, 0]);
  });

  it('scales bars to the trace: left and width as percentages of its duration', () => {
    const layout = layoutWaterfall(trace);
    expect(layout.durationMs).toBe(100);
    const b = layout.rows.find((r) => r.span.spanId === 'b')!;
    expect(b.leftPct).toBeCloseTo(45, 9);
    expect(b.widthPct).toBeCloseTo(50, 9);
    expect(b.startOffsetMs).toBeCloseTo(45, 9);
  });

  it('measures from the earliest span even when it is not the root', () => {
    const early = [span('root', null, 5, 10), span('x', 'root', 0, 20)];
    const layout = layoutWaterfall(early);
    expect(layout.startTimeUnixNano).toBe(T0);
    expect(layout.durationMs).toBe(20);
    expect(layout.rows[0]!.leftPct).toBeCloseTo(25, 9);
  });

  it('hides the descendants of a collapsed span and says how many children it has', () => {
    const rows = layoutWaterfall(trace, new Set(['root'])).rows;
    expect(rows.map((r) => r.span.spanId)).toEqual(['root']);
    expect(rows[0]).toMatchObject({ collapsed: true, childCount: 3 });
    const partly = layoutWaterfall(trace, new Set(['a'])).rows.map((r) => r.span.spanId);
    expect(partly).toEqual(['root', 'a', 'b', 'c']);
    expect(parentSpanIds(trace)).toEqual(new Set(['root', 'a']));
  });

  it('shows a span whose parent never arrived as a root instead of losing it', () => {
    const rows = layoutWaterfall([...trace, span('orphan', 'missing', 20, 5)]).rows;
    expect(rows.find((r) => r.span.spanId === 'orphan')).toMatchObject({ depth: 0 });
    expect(rows).toHaveLength(6);
  });

  it('shows every span even when one names itself or a cycle as its parent', () => {
    const rows = layoutWaterfall([
      span('s', 's', 0, 1),
      span('p', 'q', 0, 2),
      span('q', 'p', 1, 1),
    ]).rows;
    expect(rows.map((r) => r.span.spanId).sort()).toEqual(['p', 'q', 's']);
    expect(criticalPath([span('p', 'q', 0, 2), span('q', 'p', 1, 1)]).size).toBeGreaterThan(0);
  });

  it('lists services in order of first appearance, for the legend', () => {
    expect(layoutWaterfall(trace).services).toEqual(['web', 'api', 'db']);
  });

  it('puts on the critical path what the parent waited for, not what ran beside it', () => {
    expect(criticalPath(trace)).toEqual(new Set(['root', 'b', 'a', 'a1']));
    const rows = layoutWaterfall(trace).rows;
    expect(rows.find((r) => r.span.spanId === 'c')?.critical).toBe(false);
    expect(rows.find((r) => r.span.spanId === 'b')?.critical).toBe(true);
  });

  it('follows the child that finished last when children overlap', () => {
    const overlapping = [
      span('root', null, 0, 100),
      span('long', 'root', 5, 90),
      span('short', 'root', 10, 20),
    ];
    expect(criticalPath(overlapping)).toEqual(new Set(['root', 'long']));
  });

  it('lays out a 2,000-span trace quickly', () => {
    const big = [span('s0', null, 0, 2000)];
    for (let i = 1; i < 2000; i++)
      big.push(span(`s${i}`, `s${Math.floor((i - 1) / 4)}`, i * 0.5, 10));
    const started = performance.now();
    const layout = layoutWaterfall(big);
    expect(layout.rows).toHaveLength(2000);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('waterfall windowing', () => {
  it('puts the rows in view and an overscan either side in the DOM', () => {
    expect(visibleRange(0, 500, 2000, 20)).toEqual({
      start: 0,
      end: Math.ceil(500 / ROW_HEIGHT) + 20,
    });
    const middle = visibleRange(1000 * ROW_HEIGHT, 500, 2000, 20);
    expect(middle.start).toBe(980);
    expect(middle.end).toBe(1000 + Math.ceil(500 / ROW_HEIGHT) + 20);
    expect(visibleRange(1_000_000, 500, 2000, 20).end).toBe(2000);
    expect(visibleRange(0, 500, 5, 20)).toEqual({ start: 0, end: 5 });
  });

  it('scrolls just enough to show a row above or below the view', () => {
    expect(scrollToRow(0, 500, 3)).toBe(0);
    expect(scrollToRow(0, 500, 100)).toBe(101 * ROW_HEIGHT - 500);
    expect(scrollToRow(50 * ROW_HEIGHT, 500, 10)).toBe(10 * ROW_HEIGHT);
  });
});
