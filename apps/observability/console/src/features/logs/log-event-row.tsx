import { Link } from 'react-router-dom';
import type { LogEventView } from './logs-api.js';
import { prettyBody } from './pretty-body.js';
import { traceIdInMessage } from './trace-link.js';

/** One event: time, where it came from, its message as text (JSON pretty-printed), its trace. */
export function LogEventRow({
  event,
  highlighted,
}: {
  readonly event: LogEventView;
  readonly highlighted: boolean;
}) {
  const traceId = traceIdInMessage(event.message);
  return (
    <li className={`log-event${highlighted ? ' highlighted' : ''}`} data-testid="log-event">
      <div className="log-meta">
        <span className="log-time">{new Date(event.timestamp).toISOString()}</span>{' '}
        <span className="muted">
          {event.logGroupName} / {event.logStreamName}
        </span>
        {traceId ? (
          <>
            {' '}
            <Link to={`/traces/${traceId}`}>trace {traceId.slice(0, 8)}…</Link>
          </>
        ) : null}
      </div>
      <pre className="log-body">{prettyBody(event.message)}</pre>
    </li>
  );
}
