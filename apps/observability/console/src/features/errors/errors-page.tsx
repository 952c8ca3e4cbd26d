import { Link, useSearchParams } from 'react-router-dom';
import { ErrorBanner } from '../../shared/error-banner.js';
import { formatTime } from '../../shared/format.js';
import { withParams } from '../../shared/search-params.js';
import { SendInstructions } from '../../shared/send-instructions.js';
import { useAsync } from '../../shared/use-async.js';
import { ITEM_STATUSES, LEVELS, listErrorItems } from './error-api.js';
import { ItemStatusButtons } from './item-status-buttons.js';
import { Sparkline } from './sparkline.js';

/** `/errors?status=…&level=…&query=…`: items grouped by fingerprint, most recently seen first. */
export function ErrorsPage() {
  const [params, setParams] = useSearchParams();
  const filters = {
    status: params.get('status') ?? 'active',
    level: params.get('level') ?? '',
    query: params.get('query') ?? '',
  };
  const { state, reload } = useAsync(async () => {
    const page = await listErrorItems({
      ...filters,
      status: filters.status === 'all' ? '' : filters.status,
    });
    // Only a store with no items at all gets the what-to-send help, not one with all resolved.
    const empty = page.totalCount === 0 && (await listErrorItems({})).totalCount === 0;
    return { ...page, empty };
  }, [params.toString()]);
  const set = (key: string, value: string) => setParams(withParams(params, { [key]: value }));
  return (
    <div className="errors-page">
      <h1>Errors</h1>
      <form className="toolbar" aria-label="Filter errors" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status{' '}
          <select
            aria-label="Status"
            value={filters.status}
            onChange={(e) => set('status', e.target.value)}
          >
            {[...ITEM_STATUSES, 'all'].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Level{' '}
          <select
            aria-label="Level"
            value={filters.level}
            onChange={(e) => set('level', e.target.value)}
          >
            <option value="">any</option>
            {LEVELS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          Title{' '}
          <input
            aria-label="Title contains"
            defaultValue={filters.query}
            onKeyDown={(e) => {
              if (e.key === 'Enter') set('query', e.currentTarget.value);
            }}
          />
        </label>
      </form>
      {state.status === 'loading' ? <p role="status">Loading…</p> : null}
      {state.status === 'failed' ? <ErrorBanner error={state.error} /> : null}
      {state.status === 'done' && state.value.items.length === 0 ? (
        state.value.empty ? (
          <SendInstructions what="errors" />
        ) : (
          <p className="empty-state">No items match.</p>
        )
      ) : null}
      {state.status === 'done' && state.value.items.length > 0 ? (
        <table className="results-table" aria-label="Error items">
          <thead>
            <tr>
              <th>level</th>
              <th>title</th>
              <th className="num">count</th>
              <th>first seen</th>
              <th>last seen</th>
              <th>last 24 h</th>
              <th>status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {state.value.items.map((item) => (
              <tr key={item.id}>
                <td>
                  <span className={`level level-${item.level}`}>{item.level}</span>
                </td>
                <td>
                  <Link to={`/errors/${item.id}`}>
                    #{item.id} {item.title}
                  </Link>
                </td>
                <td className="num">{item.totalOccurrences}</td>
                <td>{formatTime(item.firstOccurrenceMs)}</td>
                <td>{formatTime(item.lastOccurrenceMs)}</td>
                <td>
                  <Sparkline
                    counts={item.buckets}
                    label={`${item.buckets.reduce((a, b) => a + b, 0)} in the last 24 hours`}
                  />
                </td>
                <td>{item.status}</td>
                <td className="actions">
                  <ItemStatusButtons itemId={item.id} status={item.status} onChanged={reload} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
