import { Link } from 'react-router-dom';
import type { TraceLogView } from '../../../../src/contract/console-api.js';
import type { SpanView } from '../../../../src/contract/trace-view.js';
import { formatDuration, nanosToMillis, valueText } from '../../shared/format.js';
import { serviceColor } from '../../shared/palette.js';
import { AttributeTable } from './attribute-table.js';
import { LogLine } from './log-line.js';
import { isException, parseList, spanEventSchema, spanLinkSchema } from './span-event.js';

/** One span in full: attributes, resource, events, links, its logs and its errors. */
export function SpanDetails({
  span,
  logs,
  errorLinks,
}: {
  readonly span: SpanView;
  readonly logs: readonly TraceLogView[];
  readonly errorLinks?: React.ReactNode;
}) {
  const events = parseList(spanEventSchema, span.events);
  const links = parseList(spanLinkSchema, span.links);
  const startMs = nanosToMillis(span.startTimeUnixNano);
  const exceptions = events.filter(isException);
  return (
    <aside className="span-details" aria-label="Span details">
      <h2>
        <span className="swatch" style={{ background: serviceColor(span.service) }} />
        {span.name}
      </h2>
      <dl className="facts">
        <dt>service</dt>
        <dd>{span.service}</dd>
        <dt>duration</dt>
        <dd>{formatDuration(span.durationMs)}</dd>
        <dt>start</dt>
        <dd>{new Date(startMs).toISOString()}</dd>
        <dt>kind</dt>
        <dd>{span.kind}</dd>
        <dt>status</dt>
        <dd className={span.status.code === 'error' ? 'error-text' : undefined}>
          {span.status.code}
          {span.status.message ? `: ${span.status.message}` : ''}
        </dd>
        <dt>span id</dt>
        <dd className="mono">{span.spanId}</dd>
        <dt>source</dt>
        <dd>{span.source}</dd>
      </dl>
      {exceptions.length > 0 || errorLinks ? (
        <section aria-label="Errors">
          <h3>Errors</h3>
          {exceptions.map((e) => (
            <div key={e.timeUnixNano} className="exception">
              <strong>{valueText(e.attributes['exception.type'] ?? 'exception')}</strong>:{' '}
              {valueText(e.attributes['exception.message'] ?? '')}
              {e.attributes['exception.stacktrace'] ? (
                <pre className="code-block">{valueText(e.attributes['exception.stacktrace'])}</pre>
              ) : null}
            </div>
          ))}
          {errorLinks}
        </section>
      ) : null}
      <section aria-label="Logs of this span">
        <h3>Logs ({logs.length})</h3>
        {logs.length === 0 ? <p className="muted">No logs written in this span.</p> : null}
        {logs.map((log, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: log lines may repeat exactly
          <LogLine key={i} log={log} />
        ))}
      </section>
      <h3>Attributes</h3>
      <AttributeTable label="Attributes" values={span.attributes} />
      <h3>Resource</h3>
      <AttributeTable label="Resource" values={span.resource} />
      <h3>Events ({events.length})</h3>
      {events.map((e, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: events may share a name and time
        <div key={i} className="span-event">
          <strong>{e.name}</strong>{' '}
          <span className="muted">+{formatDuration(nanosToMillis(e.timeUnixNano) - startMs)}</span>
          <AttributeTable label={`Event ${e.name} attributes`} values={e.attributes} />
        </div>
      ))}
      <h3>Links ({links.length})</h3>
      {links.map((l) => (
        <div key={`${l.traceId}-${l.spanId}`} className="span-link">
          <Link to={`/traces/${l.traceId}?span=${l.spanId}`} className="mono">
            {l.traceId} / {l.spanId}
          </Link>
          <AttributeTable label="Link attributes" values={l.attributes} />
        </div>
      ))}
    </aside>
  );
}
