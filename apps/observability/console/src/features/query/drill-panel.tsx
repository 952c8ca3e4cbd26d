import { Link } from 'react-router-dom';
import { ErrorBanner } from '../../shared/error-banner.js';
import { formatDuration } from '../../shared/format.js';
import { useAsync } from '../../shared/use-async.js';
import { type DrillSelection, drillQuery } from './drill-query.js';
import type { QueryState } from './query-state.js';
import { runQuery } from './run-query.js';

/** The spans behind what was clicked, slowest first, each linking to its trace's waterfall. */
export function DrillPanel({
  state,
  selection,
  title,
  onClose,
}: {
  readonly state: QueryState;
  readonly selection: DrillSelection;
  readonly title: string;
  readonly onClose: () => void;
}) {
  const { state: spans } = useAsync(
    async (signal) => {
      const { spec, keep } = drillQuery(state, selection);
      const result = await runQuery(state.dataset, spec, signal);
      return (result.data?.results ?? []).map((r) => r.data).filter(keep);
    },
    [state, selection],
  );
  return (
    <section className="drill-panel" aria-label="Matching spans">
      <header>
        <h3>Spans: {title}</h3>
        <button type="button" onClick={onClose} aria-label="Close spans">
          ×
        </button>
      </header>
      {spans.status === 'loading' ? <p>Loading spans…</p> : null}
      {spans.status === 'failed' ? <ErrorBanner error={spans.error} /> : null}
      {spans.status === 'done' && spans.value.length === 0 ? <p>No spans match.</p> : null}
      {spans.status === 'done' && spans.value.length > 0 ? (
        <table className="results-table">
          <thead>
            <tr>
              <th>trace</th>
              <th>service</th>
              <th>span</th>
              <th className="num">duration</th>
            </tr>
          </thead>
          <tbody>
            {spans.value.map((row) => {
              const traceId = String(row['trace.trace_id']);
              const spanId = String(row['trace.span_id']);
              return (
                <tr key={`${traceId}-${spanId}`}>
                  <td>
                    <Link to={`/traces/${traceId}?span=${spanId}`} className="mono">
                      {traceId.slice(0, 16)}…
                    </Link>
                  </td>
                  <td>{String(row['service.name'])}</td>
                  <td>{String(row.name)}</td>
                  <td className="num">{formatDuration(Number(row['MAX(duration_ms)']))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
