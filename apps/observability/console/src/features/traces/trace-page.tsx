import { useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { ErrorBanner } from '../../shared/error-banner.js';
import { formatDuration, nanosToMillis } from '../../shared/format.js';
import { withParams } from '../../shared/search-params.js';
import { useAsync } from '../../shared/use-async.js';
import { ErrorLinks } from './error-links.js';
import { SpanDetails } from './span-details.js';
import { fetchTrace, fetchTraceErrors, fetchTraceLogs } from './trace-api.js';
import { Waterfall } from './waterfall.js';
import { parentSpanIds } from './waterfall-layout.js';
import { XrayView } from './xray-view.js';

/** `/traces/:traceId[?span=…][&view=xray]`: the waterfall, one span's details, or X-Ray's view. */
export function TracePage() {
  const { traceId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const selected = params.get('span') ?? undefined;
  const view = params.get('view') === 'xray' ? 'xray' : 'spans';
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const trace = useAsync(() => fetchTrace(traceId), [traceId]);
  const logs = useAsync(() => fetchTraceLogs(traceId), [traceId]);
  const errors = useAsync(() => fetchTraceErrors(traceId), [traceId]);

  const spans = trace.state.status === 'done' ? trace.state.value.spans : [];
  const selectedSpan = spans.find((s) => s.spanId === selected) ?? spans[0];
  const allLogs = logs.state.status === 'done' ? logs.state.value.logs : [];
  const allErrors = errors.state.status === 'done' ? errors.state.value.occurrences : [];
  const summary = useMemo(() => {
    if (spans.length === 0) return undefined;
    const starts = spans.map((s) => nanosToMillis(s.startTimeUnixNano));
    // reduce, not Math.min(...): spreading a huge trace would overflow the argument stack
    const start = starts.reduce((a, b) => Math.min(a, b));
    const end = spans.reduce((latest, s, i) => Math.max(latest, starts[i]! + s.durationMs), start);
    return {
      start,
      duration: end - start,
      services: new Set(spans.map((s) => s.service)).size,
      errors: spans.filter((s) => s.status.code === 'error').length,
    };
  }, [spans]);

  const update = (changes: Record<string, string | undefined>) =>
    setParams(withParams(params, changes), { replace: true });

  return (
    <div className="trace-page">
      <h1>
        Trace <span className="mono">{traceId}</span>
      </h1>
      {summary ? (
        <p className="trace-summary">
          {new Date(summary.start).toISOString()} · {formatDuration(summary.duration)} ·{' '}
          {spans.length} spans · {summary.services} services · {summary.errors} errors ·{' '}
          {allLogs.length} logs
        </p>
      ) : null}
      {allErrors.length > 0 ? (
        <section className="trace-errors" aria-label="Errors in this trace">
          <strong>Errors reported in this trace:</strong>
          <ErrorLinks errors={allErrors} />
        </section>
      ) : null}
      <div className="toolbar">
        <fieldset className="view-toggle">
          <legend className="sr-only">Trace view</legend>
          <button
            type="button"
            aria-pressed={view === 'spans'}
            onClick={() => update({ view: undefined })}
          >
            Spans
          </button>
          <button
            type="button"
            aria-pressed={view === 'xray'}
            onClick={() => update({ view: 'xray' })}
          >
            X-Ray segments
          </button>
        </fieldset>
        {view === 'spans' ? (
          <>
            <button type="button" onClick={() => setCollapsed(parentSpanIds(spans))}>
              Collapse all
            </button>
            <button type="button" onClick={() => setCollapsed(new Set())}>
              Expand all
            </button>
          </>
        ) : null}
      </div>
      {trace.state.status === 'loading' ? <p role="status">Loading trace…</p> : null}
      {trace.state.status === 'failed' ? <ErrorBanner error={trace.state.error} /> : null}
      {view === 'xray' ? <XrayView traceId={traceId} /> : null}
      {view === 'spans' && spans.length > 0 ? (
        <div className="trace-layout">
          <Waterfall
            spans={spans}
            collapsed={collapsed}
            selectedSpanId={selectedSpan?.spanId}
            onSelect={(spanId) => update({ span: spanId })}
            onToggle={(spanId) =>
              setCollapsed((old) => {
                const next = new Set(old);
                if (next.has(spanId)) next.delete(spanId);
                else next.add(spanId);
                return next;
              })
            }
          />
          {selectedSpan ? (
            <SpanDetails
              span={selectedSpan}
              logs={allLogs.filter((l) => l.spanId === selectedSpan.spanId)}
              errorLinks={
                allErrors.some((e) => e.spanId === selectedSpan.spanId) ? (
                  <ErrorLinks errors={allErrors.filter((e) => e.spanId === selectedSpan.spanId)} />
                ) : undefined
              }
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
