import { useCallback, useMemo, useState } from 'react';
import type { QueryResult, ResultData } from '../../shared/api-schemas.js';
import { ErrorBanner } from '../../shared/error-banner.js';
import type { AsyncState } from '../../shared/use-async.js';
import { DrillPanel } from './drill-panel.js';
import type { DrillSelection } from './drill-query.js';
import { HeatmapChart } from './heatmap-chart.js';
import { LineChart } from './line-chart.js';
import { calculationLabel } from './query-ops.js';
import type { QueryState } from './query-state.js';
import { ResultsTable } from './results-table.js';
import { bucketSeconds, groupLabel, heatmapGrid, lineCharts } from './series-data.js';
import type { SeriesAnswer } from './use-query-run.js';

const EMPTY: QueryResult = { id: '', complete: true, data: { series: [], results: [] } };

/** One chart per calculation (a heatmap for HEATMAP), the results table, and the drill-down. */
export function QueryResults({
  state,
  result,
  series,
}: {
  readonly state: QueryState;
  /** The rows, from a run without time series. */
  readonly result: QueryResult;
  /** The charts' time series, from a second run (see `seriesSpec`). */
  readonly series: AsyncState<SeriesAnswer | undefined>;
}) {
  const [drill, setDrill] = useState<{ selection: DrillSelection; title: string }>();
  const calculations = state.calculations.map((c) => ({
    ...c,
    label: calculationLabel(c.op, c.column),
  }));
  const labels = calculations.map((c) => c.label);
  const breakdowns = state.breakdowns;
  const rows = useMemo(() => result.data?.results.map((r) => r.data) ?? [], [result]);
  // Keys, not arrays, as dependencies: the state object is new on every navigation.
  const breakdownKey = JSON.stringify(breakdowns);
  // Stable, so the table (hundreds of rows) is not drawn again when the charts arrive.
  const onRowClick = useCallback(
    (row: ResultData) =>
      setDrill({
        title: groupLabel(row, JSON.parse(breakdownKey) as string[]),
        selection: { group: row },
      }),
    [breakdownKey],
  );
  const seriesResult = series.status === 'done' ? series.value?.result : undefined;
  const lineKey = JSON.stringify(
    calculations.filter((c) => c.op !== 'HEATMAP').map((c) => c.label),
  );
  const charts = useMemo(
    () =>
      lineCharts(
        seriesResult ?? EMPTY,
        JSON.parse(lineKey) as string[],
        JSON.parse(breakdownKey) as string[],
      ),
    [seriesResult, lineKey, breakdownKey],
  );
  const times = charts[0]?.times ?? [];
  const rangeSeconds =
    state.timeRange.kind === 'relative'
      ? state.timeRange.seconds
      : state.timeRange.endSec - state.timeRange.startSec;
  const step = bucketSeconds(times, rangeSeconds);
  if (rows.length === 0) {
    return <p className="empty-state">No events match this query in this time range.</p>;
  }
  return (
    <section className="query-results" aria-label="Results">
      {series.status === 'loading' ? <p role="status">Drawing the charts…</p> : null}
      {series.status === 'failed' ? <ErrorBanner error={series.error} /> : null}
      {series.status === 'done' && series.value && series.value.chartedGroups < rows.length ? (
        <p className="muted">
          The charts show the first {series.value.chartedGroups} of {rows.length} groups; the table
          lists them all.
        </p>
      ) : null}
      {calculations.map((c) => {
        if (seriesResult === undefined) return null;
        if (c.op === 'HEATMAP') {
          const grid = heatmapGrid(seriesResult, c.label);
          const hstep = bucketSeconds(grid.times, rangeSeconds);
          return (
            <HeatmapChart
              key={c.label}
              grid={grid}
              onCellClick={(t, b) => {
                const band = grid.bounds[b]!;
                const start = grid.times[t]!;
                setDrill({
                  title: `${c.column} ${band.lower.toPrecision(4)}–${band.upper.toPrecision(4)} at ${new Date(start * 1000).toLocaleTimeString()}`,
                  selection: {
                    startSec: start,
                    endSec: start + hstep,
                    valueRange: { column: c.column ?? 'duration_ms', ...band },
                  },
                });
              }}
            />
          );
        }
        const chart = charts.find((ch) => ch.calculation === c.label);
        return chart ? (
          <LineChart
            key={c.label}
            data={chart}
            onPointClick={(timeSec, line) => {
              const group = chart.lines[line]!.group;
              setDrill({
                title: `${groupLabel(group, breakdowns)} at ${new Date(timeSec * 1000).toLocaleTimeString()}`,
                selection: { startSec: timeSec, endSec: timeSec + step, group },
              });
            }}
          />
        ) : null;
      })}
      {drill ? (
        <DrillPanel
          state={state}
          selection={drill.selection}
          title={drill.title}
          onClose={() => setDrill(undefined)}
        />
      ) : null}
      <ResultsTable
        rows={rows}
        breakdowns={breakdowns}
        calculations={labels}
        onRowClick={onRowClick}
      />
    </section>
  );
}
