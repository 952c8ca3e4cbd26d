import { ALL_DATASETS, type QueryState, specToState, stateToSpec } from './query-state.js';

/**
 * The builder's URL: `/query?dataset=<slug>&query=<Honeycomb query spec as JSON>`, so a link is
 * the query itself, readable and shareable, and each run is a history entry (back works).
 */
export function stateToSearch(state: QueryState): string {
  const params = new URLSearchParams();
  params.set('dataset', state.dataset);
  params.set('query', JSON.stringify(stateToSpec(state)));
  return params.toString();
}

export function searchToState(search: string): QueryState {
  const params = new URLSearchParams(search);
  const dataset = params.get('dataset') || ALL_DATASETS;
  const query = params.get('query');
  let spec: unknown = {};
  if (query) {
    try {
      spec = JSON.parse(query);
    } catch {
      spec = {};
    }
  }
  return specToState(spec, dataset);
}

export function queryHref(state: QueryState): string {
  return `/query?${stateToSearch(state)}`;
}
