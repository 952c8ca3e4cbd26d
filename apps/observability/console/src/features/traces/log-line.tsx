import { Link } from 'react-router-dom';
import type { TraceLogView } from '../../../../src/contract/console-api.js';
import { nanosToMillis } from '../../shared/format.js';
import { prettyBody } from '../logs/pretty-body.js';

/** One log record: time, severity and its body as text (JSON bodies pretty-printed). */
export function LogLine({ log }: { readonly log: TraceLogView }) {
  const severity = log.severity.toLowerCase();
  return (
    <div className={`log-line severity-${severity}`} data-testid="trace-log-line">
      <span className="log-time">{new Date(nanosToMillis(log.timeUnixNano)).toISOString()}</span>{' '}
      <span className="log-severity">{log.severity || '—'}</span>{' '}
      <span className="muted">{log.service}</span> <Link to={logsHref(log)}>in Logs</Link>
      <pre className="log-body">{prettyBody(log.body)}</pre>
    </div>
  );
}

/** The Logs view around this record, in the group the Logs API shows it in. */
export function logsHref(log: TraceLogView): string {
  const ms = Math.floor(nanosToMillis(log.timeUnixNano));
  const group = log.logGroup ?? `otlp/${log.service}`;
  const params = new URLSearchParams({
    groups: group,
    start: String(ms - 5000),
    end: String(ms + 5000),
    at: String(ms),
  });
  return `/logs?${params}`;
}
