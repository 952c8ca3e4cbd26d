import { useCallback, useMemo, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { ErrorBanner } from '../../shared/error-banner.js';
import { SendInstructions } from '../../shared/send-instructions.js';
import { useAsync } from '../../shared/use-async.js';
import { QueryEditor } from './query-editor.js';
import { QueryResults } from './query-results.js';
import { searchToState } from './query-url.js';
import { listColumns, listDatasets } from './run-query.js';
import { useQueryRun } from './use-query-run.js';

/** `/query?dataset=…&query=…`: the builder, and the results of the query in the URL. */
export function QueryPage() {
  const location = useLocation();
  const state = useMemo(() => searchToState(location.search), [location.search]);
  const hasQuery = new URLSearchParams(location.search).has('query');
  const [draftDataset, setDraftDataset] = useState(state.dataset);
  const [runs, setRuns] = useState(0);
  const { table, series } = useQueryRun(state, hasQuery, `${location.search}#${runs}`);
  // The builder's lists wait for the query, so their scans do not compete with it.
  const settled = table.status !== 'loading' && series.status !== 'loading';
  const datasets = useAsync(async () => (settled ? listDatasets() : undefined), [settled]);
  const columns = useAsync(
    async () => (settled ? listColumns(draftDataset) : undefined),
    [draftDataset, settled],
  );
  const names =
    datasets.state.status === 'done' ? (datasets.state.value ?? []).map((d) => d.slug) : [];
  const columnNames =
    columns.state.status === 'done'
      ? (columns.state.value ?? []).filter((c) => !c.hidden).map((c) => c.key_name)
      : [];
  const onDatasetChange = useCallback((d: string) => setDraftDataset(d), []);
  return (
    <div className="query-page">
      <h1>Query</h1>
      {datasets.state.status === 'failed' ? <ErrorBanner error={datasets.state.error} /> : null}
      {datasets.state.status === 'done' && datasets.state.value?.length === 0 ? (
        <SendInstructions what="datasets" />
      ) : null}
      <QueryEditor
        datasets={names}
        columns={columnNames}
        onDatasetChange={onDatasetChange}
        onRerun={() => setRuns((n) => n + 1)}
      />
      {!hasQuery ? <p className="hint">Build a query and press Run query (or Enter).</p> : null}
      {hasQuery && table.status === 'loading' ? <p role="status">Running query…</p> : null}
      {table.status === 'failed' ? <ErrorBanner error={table.error} /> : null}
      {table.status === 'done' && table.value !== undefined ? (
        <QueryResults state={state} result={table.value} series={series} />
      ) : null}
    </div>
  );
}
