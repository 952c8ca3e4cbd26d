import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { requestJson } from '../../shared/api-client.js';
import { overviewSchema } from '../../shared/api-schemas.js';
import { ErrorBanner } from '../../shared/error-banner.js';
import { SendInstructions } from '../../shared/send-instructions.js';
import { readPageRange, resolvePageRange, writePageRange } from '../../shared/time-range.js';
import { TimeRangePicker } from '../../shared/time-range-picker.js';
import { useAsync } from '../../shared/use-async.js';
import { searchTraces } from './trace-api.js';
import { TraceList } from './trace-list.js';
import { TRACE_FILTER_KEYS, type TraceFilters, TraceSearchForm } from './trace-search-form.js';

/** `/traces?service=…&name=…&minMs=…&maxMs=…&status=…&attr=k=v&range=…`: search, newest first. */
export function TracesPage() {
  const [params, setParams] = useSearchParams();
  const range = readPageRange(params);
  const filters = useMemo(() => {
    const f: TraceFilters = {};
    for (const key of TRACE_FILTER_KEYS) {
      const v = params.get(key);
      if (v) f[key] = v;
    }
    return f;
  }, [params]);
  const overview = useAsync(() => requestJson('/api/overview', overviewSchema), []);
  const services =
    overview.state.status === 'done' ? overview.state.value.datasets.map((d) => d.name) : [];
  const result = useAsync(() => {
    const { startMs, endMs } = resolvePageRange(range);
    return searchTraces({ ...filters, startMs, endMs, limit: 100 });
  }, [params.toString()]);
  return (
    <div className="traces-page">
      <h1>Traces</h1>
      <div className="toolbar">
        <TimeRangePicker value={range} onChange={(r) => setParams(writePageRange(params, r))} />
      </div>
      <TraceSearchForm
        value={filters}
        services={services}
        onSearch={(next) => {
          let p = new URLSearchParams();
          for (const [k, v] of Object.entries(next)) if (v) p.set(k, v);
          p = writePageRange(p, range);
          setParams(p);
        }}
      />
      {result.state.status === 'loading' ? <p role="status">Searching…</p> : null}
      {result.state.status === 'failed' ? <ErrorBanner error={result.state.error} /> : null}
      {result.state.status === 'done' && result.state.value.traces.length === 0 ? (
        overview.state.status === 'done' && overview.state.value.datasets.length === 0 ? (
          <SendInstructions what="traces" />
        ) : (
          <p className="empty-state">No traces match in this time range.</p>
        )
      ) : null}
      {result.state.status === 'done' && result.state.value.traces.length > 0 ? (
        <TraceList traces={result.state.value.traces} />
      ) : null}
    </div>
  );
}
