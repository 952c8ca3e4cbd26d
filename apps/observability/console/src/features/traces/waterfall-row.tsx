import { memo } from 'react';
import { formatDuration } from '../../shared/format.js';
import { serviceColor } from '../../shared/palette.js';
import type { WaterfallRow } from './waterfall-layout.js';

/** One span's row: toggle, service and name, and its bar to scale. */
export const WaterfallRowView = memo(function WaterfallRowView({
  row,
  selected,
  onToggle,
  onSelect,
}: {
  readonly row: WaterfallRow;
  readonly selected: boolean;
  readonly onToggle: (spanId: string) => void;
  readonly onSelect: (spanId: string) => void;
}) {
  const { span } = row;
  const error = span.status.code === 'error';
  return (
    <div
      data-span-id={span.spanId}
      role="treeitem"
      tabIndex={-1}
      aria-level={row.depth + 1}
      aria-expanded={row.childCount > 0 ? !row.collapsed : undefined}
      aria-selected={selected}
      className={`waterfall-row${selected ? ' selected' : ''}${row.critical ? ' critical' : ''}`}
    >
      <div className="waterfall-label-col" style={{ paddingLeft: `${row.depth * 14 + 4}px` }}>
        {row.childCount > 0 ? (
          <button
            type="button"
            className="toggle"
            aria-label={`${row.collapsed ? 'Expand' : 'Collapse'} ${span.name}`}
            onClick={() => onToggle(span.spanId)}
          >
            {row.collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="toggle-spacer" />
        )}
        <button
          type="button"
          className="span-label"
          onClick={() => onSelect(span.spanId)}
          title={`${span.service}: ${span.name}`}
        >
          <span className="swatch" style={{ background: serviceColor(span.service) }} />
          {error ? <span className="error-dot" aria-hidden="true" /> : null}
          <span className="span-service">{span.service}</span>{' '}
          <span className="span-name">{span.name}</span>
          {error ? <span className="sr-only"> (error)</span> : null}
          {row.collapsed ? <span className="muted"> (+{row.childCount})</span> : null}
        </button>
      </div>
      <div className="waterfall-bar-col">
        <div
          className={`bar${error ? ' bar-error' : ''}${row.critical ? ' bar-critical' : ''}`}
          style={{
            left: `${row.leftPct}%`,
            width: `max(${row.widthPct}%, 2px)`,
            background: serviceColor(span.service),
          }}
        />
        <span
          className="bar-duration"
          style={{ left: `calc(${row.leftPct + row.widthPct}% + 4px)` }}
        >
          {formatDuration(span.durationMs)}
        </span>
      </div>
    </div>
  );
});
