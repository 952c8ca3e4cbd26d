import { startTransition, useEffect, useState } from 'react';
import type { QueryResult } from '../../shared/api-schemas.js';
import type { AsyncState } from '../../shared/use-async.js';
import { type QueryState, stateToSpec } from './query-state.js';
import { runQuery } from './run-query.js';
import { seriesSpec } from './series-spec.js';

export interface SeriesAnswer {
  readonly result: QueryResult;
  readonly chartedGroups: number;
}

const toError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/**
 * Runs the query in the URL in two steps: the rows without time series (cheap, so the table
 * shows first), then at once the series of the top groups for the charts (see `seriesSpec`).
 * `key` changes on every run, so pressing Run again reruns a relative range.
 */
export function useQueryRun(state: QueryState, enabled: boolean, key: string) {
  const [table, setTable] = useState<AsyncState<QueryResult | undefined>>({ status: 'loading' });
  const [series, setSeries] = useState<AsyncState<SeriesAnswer | undefined>>({
    status: 'loading',
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the state
  useEffect(() => {
    const controller = new AbortController();
    const live = () => !controller.signal.aborted;
    setTable({ status: 'loading' });
    setSeries({ status: 'loading' });
    if (!enabled) {
      setTable({ status: 'done', value: undefined });
      setSeries({ status: 'done', value: undefined });
      return;
    }
    void (async () => {
      let rows: QueryResult;
      try {
        rows = await runQuery(state.dataset, stateToSpec(state), controller.signal, {
          disableSeries: true,
        });
      } catch (error) {
        if (live()) {
          setTable({ status: 'failed', error: toError(error) });
          setSeries({ status: 'done', value: undefined });
        }
        return;
      }
      // Ask for the series before drawing the table, so the server works while the page does.
      const { spec, chartedGroups } = seriesSpec(
        state,
        rows.data?.results.map((r) => r.data) ?? [],
      );
      const pending = runQuery(state.dataset, spec, controller.signal);
      // A transition renders in slices, so the series' second request is not held up by it.
      if (live()) startTransition(() => setTable({ status: 'done', value: rows }));
      try {
        const result = await pending;
        if (live()) setSeries({ status: 'done', value: { result, chartedGroups } });
      } catch (error) {
        if (live()) setSeries({ status: 'failed', error: toError(error) });
      }
    })();
    return () => controller.abort();
  }, [key, enabled]);
  return { table, series };
}
