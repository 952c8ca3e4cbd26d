import { formatNumber } from '../../shared/format.js';
import type { HeatmapGrid } from './series-data.js';

const WIDTH = 900;
const HEIGHT = 240;
const LEFT = 64;
const BOTTOM = 22;

/** Light to dark blue by count; empty cells stay blank so the distribution's shape stands out. */
function heatColor(count: number, max: number): string {
  if (count === 0 || max === 0) return 'transparent';
  const t = Math.sqrt(count / max);
  const light = 92 - t * 62;
  return `hsl(${215 - t * 10} 80% ${light}%)`;
}

/**
 * HEATMAP(column): per time bucket, a column of value bands coloured by how many events fell
 * in each. A click on a cell reports its time bucket and value band.
 */
export function HeatmapChart({
  grid,
  onCellClick,
}: {
  readonly grid: HeatmapGrid;
  readonly onCellClick: (timeIndex: number, bucketIndex: number) => void;
}) {
  const columns = Math.max(grid.times.length, 1);
  const rows = Math.max(grid.bounds.length, 1);
  const cellW = (WIDTH - LEFT) / columns;
  const cellH = (HEIGHT - BOTTOM) / rows;
  const lower = grid.bounds[0]?.lower ?? 0;
  const upper = grid.bounds[grid.bounds.length - 1]?.upper ?? 0;
  const legendSteps = [0.05, 0.25, 0.5, 0.75, 1];
  return (
    <figure className="chart heatmap" data-testid={`chart-${grid.calculation}`}>
      <figcaption>{grid.calculation}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Heatmap of ${grid.calculation}`}
      >
        <text x={LEFT - 6} y={10} textAnchor="end" className="axis-label">
          {formatNumber(upper)}
        </text>
        <text x={LEFT - 6} y={HEIGHT - BOTTOM} textAnchor="end" className="axis-label">
          {formatNumber(lower)}
        </text>
        {grid.counts.map((column, t) =>
          column.map((count, b) =>
            count === 0 ? null : (
              // biome-ignore lint/a11y/noStaticElementInteractions: the table below offers the same drill-down by keyboard
              <rect
                // biome-ignore lint/suspicious/noArrayIndexKey: cells are positions in a fixed grid
                key={`${t}-${b}`}
                x={LEFT + t * cellW}
                y={HEIGHT - BOTTOM - (b + 1) * cellH}
                width={Math.max(cellW - 0.5, 0.5)}
                height={Math.max(cellH - 0.5, 0.5)}
                fill={heatColor(count, grid.max)}
                className="heat-cell"
                onClick={() => onCellClick(t, b)}
              >
                <title>
                  {`${new Date(grid.times[t]! * 1000).toLocaleTimeString()}: ${count} events in ${formatNumber(grid.bounds[b]!.lower)} – ${formatNumber(grid.bounds[b]!.upper)}`}
                </title>
              </rect>
            ),
          ),
        )}
        {grid.times.length > 0 ? (
          <>
            <text x={LEFT} y={HEIGHT - 6} className="axis-label">
              {new Date(grid.times[0]! * 1000).toLocaleTimeString()}
            </text>
            <text x={WIDTH} y={HEIGHT - 6} textAnchor="end" className="axis-label">
              {new Date(grid.times[grid.times.length - 1]! * 1000).toLocaleTimeString()}
            </text>
          </>
        ) : null}
      </svg>
      <div className="heat-legend">
        <span>Colour scale: fewer</span>
        {legendSteps.map((s) => (
          <span
            key={s}
            className="heat-swatch"
            style={{ background: heatColor(s * grid.max, grid.max) }}
            title={`${Math.round(s * grid.max)} events`}
          />
        ))}
        <span>more (max {formatNumber(grid.max)} per cell)</span>
      </div>
    </figure>
  );
}
