import { useSearchParams } from 'react-router-dom';
import { requestJson } from '../../shared/api-client.js';
import { serviceMapSchema } from '../../shared/api-schemas.js';
import { ErrorBanner } from '../../shared/error-banner.js';
import { formatDuration, formatPercent } from '../../shared/format.js';
import { SendInstructions } from '../../shared/send-instructions.js';
import { readPageRange, resolvePageRange, writePageRange } from '../../shared/time-range.js';
import { TimeRangePicker } from '../../shared/time-range-picker.js';
import { useAsync } from '../../shared/use-async.js';
import { ServiceMapGraph } from './service-map-graph.js';

/** `/map?range=…`: services and the calls between them in the chosen time range. */
export function ServiceMapPage() {
  const [params, setParams] = useSearchParams();
  const range = readPageRange(params);
  const { state } = useAsync(() => {
    const { startMs, endMs } = resolvePageRange(range);
    return requestJson(`/api/service-map?start=${startMs}&end=${endMs}`, serviceMapSchema);
  }, [params.toString()]);
  return (
    <div className="map-page">
      <h1>Service map</h1>
      <div className="toolbar">
        <TimeRangePicker value={range} onChange={(r) => setParams(writePageRange(params, r))} />
      </div>
      {state.status === 'loading' ? <p role="status">Loading…</p> : null}
      {state.status === 'failed' ? <ErrorBanner error={state.error} /> : null}
      {state.status === 'done' && state.value.nodes.length === 0 ? (
        <SendInstructions what="spans in this time range" />
      ) : null}
      {state.status === 'done' && state.value.nodes.length > 0 ? (
        <>
          <div className="map-scroll">
            <ServiceMapGraph map={state.value} />
          </div>
          <table className="results-table" aria-label="Calls between services">
            <thead>
              <tr>
                <th>caller</th>
                <th>callee</th>
                <th className="num">calls</th>
                <th className="num">rate</th>
                <th className="num">errors</th>
                <th className="num">p50</th>
                <th className="num">p99</th>
              </tr>
            </thead>
            <tbody>
              {state.value.edges.map((e) => (
                <tr key={`${e.source}->${e.target}`}>
                  <td>{e.source}</td>
                  <td>{e.target}</td>
                  <td className="num">{e.calls}</td>
                  <td className="num">{e.callsPerSecond.toPrecision(3)}/s</td>
                  <td className="num">{formatPercent(e.errorRate)}</td>
                  <td className="num">{formatDuration(e.p50Ms)}</td>
                  <td className="num">{formatDuration(e.p99Ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
