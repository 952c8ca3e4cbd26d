import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SpanView } from '../../../../src/contract/trace-view.js';
import { formatDuration } from '../../shared/format.js';
import { serviceColor } from '../../shared/palette.js';
import { layoutWaterfall, ROW_HEIGHT, scrollToRow, visibleRange } from './waterfall-layout.js';
import { WaterfallRowView } from './waterfall-row.js';

const TICKS = [0, 0.25, 0.5, 0.75, 1];

/**
 * The span tree with bars to scale, coloured by service, the critical path outlined; only the rows
 * in view are in the DOM. Keyboard: ↑/↓ move between spans, ← collapses, → expands.
 */
export function Waterfall({
  spans,
  collapsed,
  selectedSpanId,
  onToggle,
  onSelect,
}: {
  readonly spans: readonly SpanView[];
  readonly collapsed: ReadonlySet<string>;
  readonly selectedSpanId: string | undefined;
  readonly onToggle: (spanId: string) => void;
  readonly onSelect: (spanId: string) => void;
}) {
  const layout = useMemo(() => layoutWaterfall(spans, collapsed), [spans, collapsed]);
  // Stable callbacks, so selecting a span re-renders two rows, not two thousand.
  const latest = useRef({ onToggle, onSelect });
  latest.current = { onToggle, onSelect };
  const toggle = useCallback((id: string) => latest.current.onToggle(id), []);
  const select = useCallback((id: string) => latest.current.onSelect(id), []);
  const list = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 600 });
  const focusAfterRender = useRef<string | undefined>(undefined);
  const selectedIndex = layout.rows.findIndex((r) => r.span.spanId === selectedSpanId);

  // Bring the selected span into view (a shared link, or the keyboard), then focus it if asked.
  useEffect(() => {
    const element = list.current;
    if (!element || selectedIndex < 0) return;
    const height = element.clientHeight || 600;
    const top = scrollToRow(element.scrollTop, height, selectedIndex);
    if (top !== element.scrollTop) element.scrollTop = top;
    setScroll({ top, height });
  }, [selectedIndex]);
  useEffect(() => {
    const id = focusAfterRender.current;
    if (id === undefined) return;
    const button = list.current?.querySelector<HTMLButtonElement>(
      `[data-span-id="${id}"] .span-label`,
    );
    if (button) {
      button.focus({ preventScroll: true });
      focusAfterRender.current = undefined;
    }
  });

  const onKeyDown = (e: KeyboardEvent) => {
    const row = layout.rows[selectedIndex];
    const move = (to: number) => {
      const target = layout.rows[Math.max(0, Math.min(layout.rows.length - 1, to))];
      if (!target) return;
      focusAfterRender.current = target.span.spanId;
      onSelect(target.span.spanId);
    };
    if (e.key === 'ArrowDown') move(selectedIndex + 1);
    else if (e.key === 'ArrowUp') move(selectedIndex - 1);
    else if (e.key === 'ArrowLeft' && row && row.childCount > 0 && !row.collapsed)
      onToggle(row.span.spanId);
    else if (e.key === 'ArrowRight' && row?.collapsed) onToggle(row.span.spanId);
    else return;
    e.preventDefault();
  };
  const { start, end } = visibleRange(scroll.top, scroll.height, layout.rows.length);
  return (
    <section className="waterfall" aria-label="Trace waterfall">
      <div className="waterfall-legend">
        {layout.services.map((s) => (
          <span key={s} className="service-chip">
            <span className="swatch" style={{ background: serviceColor(s) }} />
            {s}
          </span>
        ))}
        <span className="service-chip">
          <span className="swatch critical-swatch" /> critical path
        </span>
      </div>
      <div className="waterfall-header">
        <div className="waterfall-label-col">span</div>
        <div className="waterfall-bar-col">
          {TICKS.map((t) => (
            <span key={t} className="tick" style={{ left: `${t * 100}%` }}>
              {formatDuration(layout.durationMs * t)}
            </span>
          ))}
        </div>
      </div>
      <div
        className="waterfall-rows"
        role="tree"
        aria-label="Spans"
        ref={list}
        onKeyDown={onKeyDown}
        onScroll={(e) =>
          setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight || 600 })
        }
        tabIndex={-1}
      >
        <div style={{ height: start * ROW_HEIGHT }} />
        {layout.rows.slice(start, end).map((row) => (
          <WaterfallRowView
            key={row.span.spanId}
            row={row}
            selected={row.span.spanId === selectedSpanId}
            onToggle={toggle}
            onSelect={select}
          />
        ))}
        <div style={{ height: (layout.rows.length - end) * ROW_HEIGHT }} />
      </div>
    </section>
  );
}
