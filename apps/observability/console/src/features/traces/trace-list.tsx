import { Link } from 'react-router-dom';
import type { TraceSummary } from '../../../../src/contract/console-api.js';
import { formatDuration, nanosToMillis } from '../../shared/format.js';
import { serviceColor } from '../../shared/palette.js';

/** Traces, newest first, each bar scaled to the slowest in the list. */
export function TraceList({ traces }: { readonly traces: readonly TraceSummary[] }) {
  const longest = Math.max(...traces.map((t) => t.durationMs), 1);
  return (
    <table className="results-table trace-list" aria-label="Traces">
      <thead>
        <tr>
          <th>start</th>
          <th>root</th>
          <th>services</th>
          <th className="num">spans</th>
          <th className="num">errors</th>
          <th className="num">duration</th>
          <th className="duration-col" />
        </tr>
      </thead>
      <tbody>
        {traces.map((t) => (
          <tr key={t.traceId}>
            <td>{new Date(nanosToMillis(t.startTimeUnixNano)).toLocaleString('en-GB')}</td>
            <td>
              <Link to={`/traces/${t.traceId}`}>
                <span className="swatch" style={{ background: serviceColor(t.rootService) }} />
                {t.rootService}: {t.rootName || '(unnamed)'}
              </Link>
            </td>
            <td>{t.services.join(', ')}</td>
            <td className="num">{t.spanCount}</td>
            <td className={`num${t.errorCount > 0 ? ' error-text' : ''}`}>{t.errorCount}</td>
            <td className="num">{formatDuration(t.durationMs)}</td>
            <td className="duration-col">
              <div className="mini-bar" style={{ width: `${(t.durationMs / longest) * 100}%` }} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
