import { Link } from 'react-router-dom';
import { requestJson } from '../../shared/api-client.js';
import { overviewSchema } from '../../shared/api-schemas.js';
import { ErrorBanner } from '../../shared/error-banner.js';
import { formatNumber, formatTime, nanosToMillis } from '../../shared/format.js';
import { SendInstructions } from '../../shared/send-instructions.js';
import { useAsync } from '../../shared/use-async.js';
import { listErrorItems } from '../errors/error-api.js';
import { defaultQueryState } from '../query/query-state.js';
import { queryHref } from '../query/query-url.js';
import { TraceList } from '../traces/trace-list.js';

/** `/`: what is stored, the latest traces and errors, or what to send when nothing is. */
export function OverviewPage() {
  const { state } = useAsync(() => requestJson('/api/overview', overviewSchema), []);
  const items = useAsync(() => listErrorItems({ status: 'active' }), []);
  const recentItems = items.state.status === 'done' ? items.state.value.items.slice(0, 5) : [];
  return (
    <div className="overview-page">
      <h1>Overview</h1>
      {state.status === 'loading' ? <p role="status">Loading…</p> : null}
      {state.status === 'failed' ? <ErrorBanner error={state.error} /> : null}
      {state.status === 'done' && state.value.datasets.length === 0 ? <SendInstructions /> : null}
      {state.status === 'done' && state.value.datasets.length > 0 ? (
        <>
          <section aria-label="Datasets">
            <h2>Datasets</h2>
            <table className="results-table">
              <thead>
                <tr>
                  <th>dataset</th>
                  <th className="num">spans</th>
                  <th className="num">logs</th>
                  <th className="num">events</th>
                  <th>last written</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {state.value.datasets.map((d) => (
                  <tr key={d.name}>
                    <td>{d.name}</td>
                    <td className="num">{formatNumber(d.spans)}</td>
                    <td className="num">{formatNumber(d.logs)}</td>
                    <td className="num">{formatNumber(d.events)}</td>
                    <td>{formatTime(d.lastWrittenMs)}</td>
                    <td>
                      <Link
                        to={queryHref({
                          ...defaultQueryState(d.name),
                          timeRange: { kind: 'relative', seconds: 86_400 },
                          breakdowns: ['name'],
                          orders: [{ op: 'COUNT', order: 'descending' }],
                        })}
                      >
                        query
                      </Link>{' '}
                      ·{' '}
                      <Link to={`/traces?service=${encodeURIComponent(d.name)}&range=86400`}>
                        traces
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-label="Recent traces">
            <h2>Recent traces</h2>
            {state.value.recentTraces.length === 0 ? (
              <p className="muted">No traces yet (only logs or events).</p>
            ) : (
              <TraceList traces={state.value.recentTraces} />
            )}
          </section>
          <section aria-label="Recent errors">
            <h2>Recent errors</h2>
            {recentItems.length > 0 ? (
              <ul className="error-span-list" aria-label="Recent error items">
                {recentItems.map((item) => (
                  <li key={item.id}>
                    <span className={`level level-${item.level}`}>{item.level}</span>{' '}
                    <Link to={`/errors/${item.id}`}>
                      #{item.id} {item.title}
                    </Link>{' '}
                    <span className="muted">
                      {item.totalOccurrences}× · last {formatTime(item.lastOccurrenceMs)}
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
            <h3>Failed spans</h3>
            {state.value.recentErrorSpans.length === 0 ? (
              <p className="muted">No span has failed lately.</p>
            ) : (
              <ul className="error-span-list">
                {state.value.recentErrorSpans.map((e) => (
                  <li key={`${e.traceId}-${e.spanId}`}>
                    <Link to={`/traces/${e.traceId}?span=${e.spanId}`}>
                      {e.service}: {e.name}
                    </Link>{' '}
                    <span className="error-text">{e.message}</span>{' '}
                    <span className="muted">{formatTime(nanosToMillis(e.startTimeUnixNano))}</span>
                  </li>
                ))}
              </ul>
            )}
            <p>
              <Link to="/errors">All reported errors →</Link>
            </p>
          </section>
        </>
      ) : null}
    </div>
  );
}
