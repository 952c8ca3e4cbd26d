import { useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { QueryBuilder } from './query-builder.js';
import type { QueryState } from './query-state.js';
import { queryHref, searchToState } from './query-url.js';

/**
 * The builder bound to the URL: the URL is the source of truth (a shared link or the back button
 * restores the builder), the form edits a draft, and Run pushes the draft as a new history entry.
 */
export function QueryEditor({
  datasets,
  columns,
  onDatasetChange,
  onRerun,
}: {
  readonly datasets: readonly string[];
  readonly columns: readonly string[];
  readonly onDatasetChange?: (dataset: string) => void;
  /** Run with an unchanged URL: the page reruns (a relative range has moved on). */
  readonly onRerun?: () => void;
}) {
  const location = useLocation();
  const navigate = useNavigate();
  const fromUrl = useMemo(() => searchToState(location.search), [location.search]);
  const [draft, setDraft] = useState<QueryState>(fromUrl);
  useEffect(() => setDraft(fromUrl), [fromUrl]);
  useEffect(() => onDatasetChange?.(draft.dataset), [draft.dataset, onDatasetChange]);
  return (
    <QueryBuilder
      state={draft}
      datasets={datasets}
      columns={columns}
      onChange={setDraft}
      onRun={() => {
        const href = queryHref(draft);
        if (`${location.pathname}${location.search}` === href) onRerun?.();
        else void navigate(href);
      }}
    />
  );
}
