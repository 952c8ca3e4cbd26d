import { postJson } from '../../shared/api-client.js';
import { ErrorBanner } from '../../shared/error-banner.js';
import { formatDuration } from '../../shared/format.js';
import { useAsync } from '../../shared/use-async.js';
import { batchGetTracesSchema, toXrayTraceId, xrayRows } from './xray-segments.js';

/** The same trace as X-Ray shows it: segments and subsegments from `BatchGetTraces`. */
export function XrayView({ traceId }: { readonly traceId: string }) {
  const { state } = useAsync(
    () =>
      postJson('/Traces', { TraceIds: [toXrayTraceId(traceId)] }, batchGetTracesSchema, {
        'content-type': 'application/json',
      }),
    [traceId],
  );
  if (state.status === 'loading') return <p role="status">Loading X-Ray segments…</p>;
  if (state.status === 'failed') return <ErrorBanner error={state.error} />;
  const rows = xrayRows(state.value.Traces.flatMap((t) => t.Segments.map((s) => s.Document)));
  if (rows.length === 0) return <p className="muted">X-Ray has no segments for this trace.</p>;
  const start = Math.min(...rows.map((r) => r.doc.start_time));
  const end = Math.max(...rows.map((r) => r.doc.end_time ?? r.doc.start_time));
  const total = Math.max(end - start, 1e-6);
  return (
    <table className="xray-table" aria-label="X-Ray segments">
      <thead>
        <tr>
          <th>segment / subsegment</th>
          <th>type</th>
          <th className="num">duration</th>
          <th>status</th>
          <th className="timeline-col">timeline</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const d = row.doc;
          const duration = ((d.end_time ?? d.start_time) - d.start_time) * 1000;
          const status = d.fault ? 'fault' : d.error ? 'error' : d.throttle ? 'throttle' : 'ok';
          return (
            <tr
              key={`${row.parentId ?? ''}-${d.id}`}
              className={row.isSegment ? 'xray-segment' : ''}
            >
              <td style={{ paddingLeft: `${row.depth * 14 + 4}px` }}>{d.name}</td>
              <td>{row.isSegment ? 'segment' : (d.namespace ?? 'subsegment')}</td>
              <td className="num">{formatDuration(duration)}</td>
              <td className={status === 'ok' ? '' : 'error-text'}>{status}</td>
              <td className="timeline-col">
                <div className="xray-bar-track">
                  <div
                    className="bar"
                    style={{
                      left: `${((d.start_time - start) / total) * 100}%`,
                      width: `max(${(duration / 1000 / total) * 100}%, 2px)`,
                    }}
                  />
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
