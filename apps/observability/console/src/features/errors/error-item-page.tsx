import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ErrorBanner } from '../../shared/error-banner.js';
import { formatTime, valueText } from '../../shared/format.js';
import { useAsync } from '../../shared/use-async.js';
import { AttributeTable } from '../traces/attribute-table.js';
import { type ErrorOccurrence, fetchRollbarItem, listOccurrences } from './error-api.js';
import { ItemStatusButtons } from './item-status-buttons.js';
import { readPayload } from './rollbar-payload.js';
import { StackTraceView } from './stack-trace.js';

/** `/errors/:itemId[?occurrence=…]`: an item, its occurrences, and one occurrence in full. */
export function ErrorItemPage() {
  const { itemId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const item = useAsync(() => fetchRollbarItem(itemId), [itemId]);
  const occurrences = useAsync(() => listOccurrences(itemId), [itemId]);
  const list = occurrences.state.status === 'done' ? occurrences.state.value.occurrences : [];
  const chosen = list.find((o) => String(o.id) === params.get('occurrence')) ?? list[0];
  return (
    <div className="error-item-page">
      {item.state.status === 'failed' ? <ErrorBanner error={item.state.error} /> : null}
      {item.state.status === 'done' ? (
        <header>
          <h1>
            <span className={`level level-${item.state.value.result.level}`}>
              {item.state.value.result.level}
            </span>{' '}
            #{item.state.value.result.id} {item.state.value.result.title}
          </h1>
          <p>
            {item.state.value.result.total_occurrences ?? 0} occurrences · first{' '}
            {formatTime((item.state.value.result.first_occurrence_timestamp ?? 0) * 1000)} · last{' '}
            {formatTime((item.state.value.result.last_occurrence_timestamp ?? 0) * 1000)} · status{' '}
            <strong>{item.state.value.result.status}</strong>
          </p>
          <div className="toolbar">
            <ItemStatusButtons
              itemId={Number(itemId)}
              status={item.state.value.result.status}
              onChanged={item.reload}
            />
          </div>
        </header>
      ) : null}
      {occurrences.state.status === 'failed' ? (
        <ErrorBanner error={occurrences.state.error} />
      ) : null}
      <div className="occurrence-layout">
        <section aria-label="Occurrences">
          <h2>Occurrences</h2>
          <ul className="occurrence-list">
            {list.map((o) => (
              <li key={o.id} className={o === chosen ? 'selected' : undefined}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setParams({ occurrence: String(o.id) }, { replace: true })}
                >
                  {formatTime(o.timeMs)} {o.host ? `· ${o.host}` : ''}
                </button>
              </li>
            ))}
          </ul>
        </section>
        {chosen ? <OccurrenceDetails occurrence={chosen} /> : null}
      </div>
    </div>
  );
}

function OccurrenceDetails({ occurrence }: { readonly occurrence: ErrorOccurrence }) {
  const payload = readPayload(occurrence.data);
  return (
    <section className="occurrence" aria-label="Occurrence">
      <h2>Occurrence {occurrence.uuid}</h2>
      <p>
        {formatTime(occurrence.timeMs)} · {occurrence.environment}
        {occurrence.codeVersion ? ` · version ${occurrence.codeVersion}` : ''}
      </p>
      {occurrence.traceId ? (
        <p>
          <Link
            to={`/traces/${occurrence.traceId}${occurrence.spanId ? `?span=${occurrence.spanId}` : ''}`}
          >
            Open this occurrence's trace →
          </Link>
        </p>
      ) : (
        <p className="muted">The reporter attached no trace id.</p>
      )}
      {payload.message ? <pre className="code-block">{payload.message}</pre> : null}
      {occurrence.message && payload.traces.length === 0 && !payload.message ? (
        <p>{occurrence.message}</p>
      ) : null}
      {payload.traces.map((t, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a trace chain is ordered
        <StackTraceView key={i} trace={t} />
      ))}
      <h3>Request</h3>
      {payload.request ? (
        <AttributeTable label="Request" values={payload.request} />
      ) : (
        <p className="muted">No request.</p>
      )}
      <h3>Person</h3>
      {payload.person ? (
        <AttributeTable label="Person" values={payload.person} />
      ) : (
        <p className="muted">
          {occurrence.personId ? valueText(occurrence.personId) : 'No person.'}
        </p>
      )}
      {payload.server ? (
        <>
          <h3>Server</h3>
          <AttributeTable label="Server" values={payload.server} />
        </>
      ) : null}
      {payload.custom ? (
        <>
          <h3>Custom</h3>
          <AttributeTable label="Custom" values={payload.custom} />
        </>
      ) : null}
    </section>
  );
}
